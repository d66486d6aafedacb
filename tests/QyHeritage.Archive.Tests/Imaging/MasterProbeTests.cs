using System.Diagnostics;
using NetVips;
using QyHeritage.Archive.Imaging;
using Xunit.Abstractions;

namespace QyHeritage.Archive.Tests.Imaging;

public sealed class MasterProbeTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = TestPaths.NewTempFolder("imaging-probe");
    private readonly PyramidBuilder _builder = new(new ImagingOptions());

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Probe_reads_the_header_of_a_sample_page()
    {
        var info = _builder.Probe(SyntheticMasters.SamplePage);
        Assert.Equal((MasterFormat.Jpeg, 2400, 3400, 3, "uchar"), (info.Format, info.Width, info.Height, info.Bands, info.BandFormat));
        Assert.Equal(8_160_000, info.Pixels);
    }

    [Fact]
    public void Format_comes_from_the_bytes_not_the_extension()
    {
        var png = Path.Combine(_folder, "really-a-png.tif");
        using (var page = Image.Thumbnail(SyntheticMasters.SamplePage, 100)) page.Pngsave(png);
        Assert.Equal(MasterFormat.Png, _builder.Probe(png).Format);
    }

    [Fact]
    public void Zero_byte_file_is_refused_as_empty()
    {
        var path = Path.Combine(_folder, "empty.jpg");
        File.WriteAllBytes(path, []);
        var e = AssertRefused(() => _builder.Probe(path), path, RejectionReason.Empty);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Text_file_named_jpg_is_refused_as_unsupported_format()
    {
        var path = Path.Combine(_folder, "notes.jpg");
        File.WriteAllText(path, "这不是图片 — not an image at all\n");
        var e = AssertRefused(() => _builder.Probe(path), path, RejectionReason.UnsupportedFormat);
        Assert.Contains("not JPEG, PNG or TIFF", e.Message);
    }

    [Fact]
    public void Missing_file_is_refused_as_unreadable()
    {
        var path = Path.Combine(_folder, "nowhere.jpg");
        AssertRefused(() => _builder.Probe(path), path, RejectionReason.Unreadable);
    }

    [Fact]
    public void Truncated_jpeg_is_refused_by_the_probe_without_decoding()
    {
        var path = SyntheticMasters.TruncatedJpeg(_folder, 0.6, appendEndMarker: false);
        var e = AssertRefused(() => _builder.Probe(path), path, RejectionReason.Corrupt);
        Assert.Contains("truncated", e.Message);
        AssertRefused(() => _builder.Build(path, Path.Combine(_folder, "out.tif")), path, RejectionReason.Corrupt);
        Assert.False(File.Exists(Path.Combine(_folder, "out.tif")));
    }

    [Fact]
    public void Truncated_jpeg_that_fools_the_trailer_check_fails_in_the_strict_decode_and_leaves_nothing()
    {
        // Cut mid-scan, then given an end marker: the header and trailer look fine, the data is not.
        var path = SyntheticMasters.TruncatedJpeg(_folder, 0.6, appendEndMarker: true);
        Assert.Equal(MasterFormat.Jpeg, _builder.Probe(path).Format);

        var destination = Path.Combine(_folder, "out.tif");
        var e = AssertRefused(() => _builder.Build(path, destination), path, RejectionReason.Corrupt);
        Assert.Contains("cannot be decoded", e.Message);
        Assert.Equal(new[] { Path.GetFileName(path) }, Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Libvips_really_raises_on_a_truncated_jpeg_with_fail_on_warning()
    {
        // The raw behaviour the builder relies on, checked against the libvips we ship.
        var path = SyntheticMasters.TruncatedJpeg(_folder, 0.6, appendEndMarker: false);
        using var strict = Image.Jpegload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Warning);
        Assert.Throws<VipsException>(() => strict.Avg());
        // Without fail_on libvips pads the missing rows and carries on: the danger being guarded against.
        using var lenient = Image.Jpegload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.None);
        _ = lenient.Avg();
    }

    [Fact]
    public void Bomb_png_header_is_refused_before_decoding_and_quickly()
    {
        var path = SyntheticMasters.BombPng(_folder, 40_000, 40_000);
        Assert.True(new FileInfo(path).Length < 1024);

        var clock = Stopwatch.StartNew();
        var e = AssertRefused(() => _builder.Probe(path), path, RejectionReason.TooManyPixels);
        AssertRefused(() => _builder.Build(path, Path.Combine(_folder, "out.tif")), path, RejectionReason.TooManyPixels);
        clock.Stop();

        Assert.Contains("40000x40000", e.Message);
        Assert.Contains("1,600,000,000", e.Message);
        // Allocating and inflating 4.8 GB of pixels would take far longer (or fail outright).
        Assert.True(clock.ElapsedMilliseconds < 2000, $"took {clock.ElapsedMilliseconds} ms");
        Assert.False(File.Exists(Path.Combine(_folder, "out.tif")));
    }

    [Fact]
    public void Pixel_limit_is_configurable()
    {
        var strict = new PyramidBuilder(new ImagingOptions { MaxPixels = 1_000_000 });
        var e = AssertRefused(() => strict.Probe(SyntheticMasters.SamplePage), SyntheticMasters.SamplePage, RejectionReason.TooManyPixels);
        Assert.Contains("2400x3400", e.Message);
        Assert.Contains("1,000,000", e.Message);
    }

    [Fact]
    public void Options_out_of_range_are_refused_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PyramidBuilder(new ImagingOptions { TileSize = 100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PyramidBuilder(new ImagingOptions { JpegQuality = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PyramidBuilder(new ImagingOptions { MaxPixels = 0 }));
    }

    private MasterRejectedException AssertRefused(Action act, string path, RejectionReason reason)
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<MasterRejectedException>(act);
        clock.Stop();
        Assert.Equal(reason, e.Reason);
        Assert.Equal(path, e.MasterPath);
        Assert.Contains(path, e.Message);
        Assert.True(clock.ElapsedMilliseconds < 2000, $"refusal took {clock.ElapsedMilliseconds} ms");
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: {e.Message}");
        return e;
    }
}
