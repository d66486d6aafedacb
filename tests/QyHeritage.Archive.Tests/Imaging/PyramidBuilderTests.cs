using NetVips;
using QyHeritage.Archive.Imaging;

namespace QyHeritage.Archive.Tests.Imaging;

public sealed class PyramidBuilderTests(SamplePyramidFixture sample) : IClassFixture<SamplePyramidFixture>
{
    [Fact]
    public void Sample_page_pyramid_has_the_master_size_and_256_JPEG_YCbCr_tiles_at_every_level()
    {
        Assert.Equal(2400, sample.Info.Width);
        Assert.Equal(3400, sample.Info.Height);
        Assert.Equal(256, sample.Info.TileSize);

        var directories = TiffStructure.Read(sample.Path);
        Assert.Equal(sample.Info.Levels.Count, directories.Count);
        Assert.Equal(new PyramidLevel(2400, 3400), sample.Info.Levels[0]);
        for (var i = 0; i < directories.Count; i++)
        {
            var d = directories[i];
            Assert.Equal((256, 256), (d.TileWidth, d.TileHeight));
            Assert.Equal(TiffStructure.CompressionJpeg, d.Compression);
            Assert.Equal(TiffStructure.PhotometricYCbCr, d.Photometric);
            Assert.Equal(sample.Info.Levels[i], new PyramidLevel(d.Width, d.Height));
        }
    }

    [Fact]
    public void Each_level_halves_the_previous_down_to_one_tile()
    {
        var levels = sample.Info.Levels;
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.InRange(levels[i].Width, levels[i - 1].Width / 2, (levels[i - 1].Width + 1) / 2);
            Assert.InRange(levels[i].Height, levels[i - 1].Height / 2, (levels[i - 1].Height + 1) / 2);
        }
        // The smallest level fits in one tile, the one before it does not: no wasted or missing level.
        Assert.True(levels[^1].Width <= 256 && levels[^1].Height <= 256, $"smallest level {levels[^1]}");
        Assert.True(levels[^2].Width > 256 || levels[^2].Height > 256, $"level before smallest {levels[^2]}");
        // 3400 → 1700 → 850 → 425 → 212
        Assert.Equal(5, levels.Count);
    }

    [Fact]
    public void Pyramid_pixels_are_close_to_the_master()
    {
        using var master = Image.NewFromFile(SyntheticMasters.SamplePage);
        using var level0 = Image.Tiffload(sample.Path, page: 0);
        Assert.InRange(MeanAbsDifference(master, level0), 0, 3.0);

        // A reduced level still shows the same page: compare with the master shrunk the same way.
        using var level2 = Image.Tiffload(sample.Path, page: 2);
        using var shrunk = master.Resize((double)level2.Width / master.Width, vscale: (double)level2.Height / master.Height);
        Assert.InRange(MeanAbsDifference(shrunk, level2), 0, 6.0);
    }

    [Fact]
    public void Png_master_with_alpha_becomes_an_RGB_pyramid()
    {
        var folder = TestPaths.NewTempFolder("imaging-png");
        try
        {
            var png = SyntheticMasters.PngWithAlpha(folder);
            var info = new PyramidBuilder(new ImagingOptions()).Build(png, Path.Combine(folder, "out.tif"));
            Assert.Equal((2400, 3400), (info.Width, info.Height));
            Assert.All(TiffStructure.Read(info.Path), d => Assert.Equal((256, 256, TiffStructure.CompressionJpeg), (d.TileWidth, d.TileHeight, d.Compression)));
            using var master = Image.NewFromFile(SyntheticMasters.SamplePage);
            using var level0 = Image.Tiffload(info.Path);
            Assert.Equal(3, level0.Bands);
            Assert.InRange(MeanAbsDifference(master, level0), 0, 3.0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Sixteen_bit_tiff_master_becomes_an_8_bit_pyramid()
    {
        var folder = TestPaths.NewTempFolder("imaging-tiff");
        try
        {
            var tiff = SyntheticMasters.Tiff16(folder);
            var builder = new PyramidBuilder(new ImagingOptions());
            var probed = builder.Probe(tiff);
            Assert.Equal((MasterFormat.Tiff, "ushort"), (probed.Format, probed.BandFormat));

            var info = builder.Build(tiff, Path.Combine(folder, "out.tif"));
            Assert.Equal((2400, 3400), (info.Width, info.Height));
            Assert.All(TiffStructure.Read(info.Path), d => Assert.Equal((256, 256, TiffStructure.CompressionJpeg), (d.TileWidth, d.TileHeight, d.Compression)));
            using var master = Image.NewFromFile(SyntheticMasters.SamplePage);
            using var level0 = Image.Tiffload(info.Path);
            Assert.Equal(Enums.BandFormat.Uchar, level0.Format);
            Assert.InRange(MeanAbsDifference(master, level0), 0, 3.0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(Enums.Interpretation.Bw, 1)]
    [InlineData(Enums.Interpretation.Cmyk, 3)]
    public void Grey_and_CMYK_JPEG_masters_become_grey_and_sRGB_pyramids(Enums.Interpretation kind, int expectedBands)
    {
        var folder = TestPaths.NewTempFolder("imaging-colour");
        try
        {
            var master = Path.Combine(folder, "page.jpg");
            using (var page = Image.Thumbnail(SyntheticMasters.SamplePage, 800))
            using (var converted = page.Colourspace(kind))
                converted.Jpegsave(master);

            var builder = new PyramidBuilder(new ImagingOptions());
            Assert.Equal(kind == Enums.Interpretation.Cmyk ? 4 : 1, builder.Probe(master).Bands);
            var info = builder.Build(master, Path.Combine(folder, "out.tif"));

            Assert.All(TiffStructure.Read(info.Path), d => Assert.Equal((256, 256, TiffStructure.CompressionJpeg), (d.TileWidth, d.TileHeight, d.Compression)));
            using var level0 = Image.Tiffload(info.Path);
            Assert.Equal((expectedBands, Enums.BandFormat.Uchar), (level0.Bands, level0.Format));
            using var reference = Image.Thumbnail(SyntheticMasters.SamplePage, 800);
            using var referenceInKind = expectedBands == 1 ? reference.Colourspace(Enums.Interpretation.Bw) : reference.Copy();
            // CMYK goes through a colour profile and back, so allow more than JPEG noise.
            Assert.InRange(MeanAbsDifference(referenceInKind, level0), 0, expectedBands == 1 ? 3.0 : 12.0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Build_replaces_the_destination_and_leaves_no_temporary_file()
    {
        var folder = TestPaths.NewTempFolder("imaging-replace");
        try
        {
            var destination = Path.Combine(folder, "p.tif");
            File.WriteAllText(destination, "old derivative");
            var small = Path.Combine(folder, "small.jpg");
            using (var page = Image.Thumbnail(SyntheticMasters.SamplePage, 600)) page.Jpegsave(small);

            var info = new PyramidBuilder(new ImagingOptions()).Build(small, destination);

            Assert.Equal(destination, info.Path);
            Assert.Equal(new FileInfo(destination).Length, info.Bytes);
            Assert.Equal(new[] { "p.tif", "small.jpg" }, Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_cancelled_build_throws_and_writes_nothing()
    {
        var folder = TestPaths.NewTempFolder("imaging-cancel");
        try
        {
            var destination = Path.Combine(folder, "p.tif");
            Assert.ThrowsAny<OperationCanceledException>(() =>
                new PyramidBuilder(new ImagingOptions()).Build(SyntheticMasters.SamplePage, destination, new CancellationToken(canceled: true)));
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Cancelling_during_a_build_stops_it_and_leaves_nothing()
    {
        var folder = TestPaths.NewTempFolder("imaging-cancel-mid");
        try
        {
            // Large enough that the build cannot finish within the 50 ms before cancellation.
            var master = Path.Combine(folder, "big.jpg");
            using (var noise = Image.Gaussnoise(6000, 6000, sigma: 40))
            using (var page = noise.Cast(Enums.BandFormat.Uchar))
                page.Jpegsave(master, q: 90);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

            Assert.ThrowsAny<OperationCanceledException>(() =>
                new PyramidBuilder(new ImagingOptions()).Build(master, Path.Combine(folder, "out.tif"), cts.Token));

            Assert.Equal(new[] { "big.jpg" }, Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Mean absolute difference per band value over the whole image (both are small enough to decode).</summary>
    internal static double MeanAbsDifference(Image a, Image b)
    {
        Assert.Equal((a.Width, a.Height, a.Bands), (b.Width, b.Height, b.Bands));
        using var diff = (a.Cast(Enums.BandFormat.Short) - b.Cast(Enums.BandFormat.Short)).Abs();
        return diff.Avg();
    }
}
