using NetVips;
using QyHeritage.Archive.Tests;
using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>The pyramids and requests the JPEG-path tests share: the sample page, and small pyramids made on the spot.</summary>
internal static class JpegTestPyramids
{
    private static readonly ImageLimits Limits = new(IiifHostFixture.MaxWidth, IiifHostFixture.MaxHeight, IiifHostFixture.MaxArea);

    /// <summary>A sample page as ingest stored it: 2400×3400, 256 px JPEG tiles, 4:2:0.</summary>
    public static string SamplePage(IiifHostFixture host) => host.PyramidPath("QY-RB-001", "p001");

    /// <summary>The resolved plan of "region/size/rotation/quality.format" on <paramref name="pyramid"/>.</summary>
    public static ImagePlan Plan(string parameters, TiffPyramid pyramid)
    {
        var p = parameters.Split('/');
        return ImageRequest.Parse(p[0], p[1], p[2], p[3]).Get().Resolve(pyramid.Width, pyramid.Height, Limits).Get();
    }

    /// <summary>A grey JPEG pyramid (one component: 8 px MCUs) of noise over a ramp.</summary>
    public static string Grey(int width, int height)
    {
        using var noise = Image.Gaussnoise(width, height, sigma: 30, mean: 128);
        using var ramp = Image.Xyz(width, height)[0] / 8;
        using var sum = (noise + ramp).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Bw);
        return Save(sum, "grey", 85);
    }

    /// <summary>An sRGB noise pyramid at JPEG quality <paramref name="q"/> (libvips stores Q ≥ 90 as RGB-in-JPEG).</summary>
    public static string Colour(int width, int height, int q)
    {
        using var noise = Image.Gaussnoise(width, height, sigma: 40, mean: 128);
        using var rgb = noise.Bandjoin(noise, noise).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return Save(rgb, "colour", q);
    }

    private static string Save(Image image, string purpose, int q)
    {
        var path = Path.Combine(TestPaths.NewTempFolder("pyramid-" + purpose), "p.tif");
        image.Tiffsave(path, compression: Enums.ForeignTiffCompression.Jpeg, q: q, tile: true, tileWidth: 256, tileHeight: 256, pyramid: true);
        return path;
    }
}
