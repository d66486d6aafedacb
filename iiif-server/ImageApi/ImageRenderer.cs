using NetVips;

namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// Makes the pixels of a request with libvips: opens the pyramid level nearest the requested scale
/// (never a larger one than needed, never the whole page at full resolution for a small output),
/// cuts the region from it (libvips reads only the tiles it covers), scales, mirrors, rotates,
/// applies the quality and encodes. Output is bounded by the server limits, so memory is too.
/// </summary>
public static class ImageRenderer
{
    private const int JpegQuality = 85;
    private const int WebpQuality = 80;

    /// <summary>Which level to read: the smallest whose pixels still cover the output at 1:1 or better.</summary>
    public static int ChooseLevel(TiffPyramid pyramid, ImagePlan plan)
    {
        var chosen = 0;
        for (var n = 1; n < pyramid.Levels.Count; n++)
        {
            var s = (double)(1L << n);
            var level = pyramid.Levels[n];
            if (Math.Abs(level.Width - pyramid.Width / s) > 1 || Math.Abs(level.Height - pyramid.Height / s) > 1) break;
            // Less than a pixel (and under 2 %) short still counts as enough: edge tiles round their
            // size up, upscaling by under one pixel is invisible, and the level below costs four times the pixels.
            if (Enough(plan.Region.Width / s, plan.Width) && Enough(plan.Region.Height / s, plan.Height)) chosen = n;
            else break;
        }
        return chosen;
    }

    private static bool Enough(double levelPixels, int output) => levelPixels >= Math.Max(output - 1, output * 0.98);

    /// <param name="directDecode">Decode small crops of JPEG pyramids with TurboJPEG (<see cref="DecodedJpegCrop"/>) where it is installed.</param>
    /// <param name="tiles">Decoded tiles kept between requests (for the direct decode), or null.</param>
    /// <param name="version">The pyramid's version, which keys <paramref name="tiles"/> with its path.</param>
    public static byte[] Render(string pyramidPath, TiffPyramid pyramid, ImagePlan plan, bool directDecode = true, Caching.DecodedTileCache? tiles = null, string? version = null)
    {
        var n = ChooseLevel(pyramid, plan);
        var s = (double)(1L << n);
        var layout = pyramid.Levels[n];
        var r = plan.Region;
        // Level sizes round either way at odd sizes: keep the crop inside the level.
        var x0 = Math.Min(layout.Width - 1, (int)Math.Floor(r.X / s));
        var y0 = Math.Min(layout.Height - 1, (int)Math.Floor(r.Y / s));
        var x1 = Math.Min(layout.Width, (int)Math.Ceiling((r.X + r.Width) / s));
        var y1 = Math.Min(layout.Height, (int)Math.Ceiling((r.Y + r.Height) / s));
        int cw = Math.Max(1, x1 - x0), ch = Math.Max(1, y1 - y0);

        var owned = new List<Image>();
        Image Keep(Image i)
        {
            owned.Add(i);
            return i;
        }
        var decoded = directDecode ? DecodedJpegCrop.TryDecode(pyramidPath, layout, x0, y0, cw, ch, tiles, version is null ? null : $"{pyramidPath}|{version}") : null;
        try
        {
            Image image;
            if (decoded is not null)
            {
                image = decoded.Image;
            }
            else
            {
                image = Keep(Image.Tiffload(pyramidPath, page: layout.Page, access: Enums.Access.Random));
                if (x0 != 0 || y0 != 0 || cw != image.Width || ch != image.Height) image = Keep(image.Crop(x0, y0, cw, ch));
            }
            if (cw != plan.Width || ch != plan.Height)
            {
                image = Keep(image.Resize(plan.Width / (double)cw, vscale: plan.Height / (double)ch));
                // Resize rounds; pin the exact size the request resolved to.
                if (image.Width != plan.Width || image.Height != plan.Height)
                    image = Keep(image.Gravity(Enums.CompassDirection.NorthWest, plan.Width, plan.Height, extend: Enums.Extend.Copy));
            }
            image = ApplyQuality(image, plan.Quality, Keep);
            if (plan.Rotation.Mirror) image = Keep(image.FlipHor());
            image = Rotate(image, plan, Keep);
            return decoded is not null && plan.Format == ImageFormat.Jpg ? EncodeJpeg(image) : Encode(image, plan.Format);
        }
        finally
        {
            foreach (var i in owned) i.Dispose();
            decoded?.Dispose(); // last: the images above read its buffer
        }
    }

    private static Image ApplyQuality(Image image, Quality quality, Func<Image, Image> keep)
    {
        if (quality is Quality.Default or Quality.Color) return image;
        if (image.Bands >= 3) image = keep(image.Colourspace(Enums.Interpretation.Bw));
        if (quality == Quality.Bitonal)
        {
            // Relational operators give 255 where true, 0 where false: black ink, white paper.
            image = keep(image >= 128);
        }
        return image;
    }

    private static Image Rotate(Image image, ImagePlan plan, Func<Image, Image> keep)
    {
        var degrees = plan.Rotation.Degrees;
        if (degrees == 0) return image;
        if (plan.Rotation.IsRightAngle)
        {
            return keep(degrees switch
            {
                90 => image.Rot90(),
                180 => image.Rot180(),
                _ => image.Rot270(),
            });
        }
        // Corners outside the rotated page: transparent where the format allows, white paper otherwise.
        double[] background;
        if (plan.Format.HasAlpha())
        {
            image = keep(image.Bandjoin(255));
            background = Enumerable.Repeat(0.0, image.Bands).ToArray();
        }
        else
        {
            background = Enumerable.Repeat(255.0, image.Bands).ToArray();
        }
        image = keep(image.Rotate(degrees, background: background));
        var (w, h) = plan.OutputSize;
        if (image.Width != w || image.Height != h)
            image = keep(image.Gravity(Enums.CompassDirection.Centre, w, h, extend: Enums.Extend.Background, background: background));
        return image;
    }

    /// <summary>
    /// JPEG by TurboJPEG from the pixels in memory: the same libjpeg-turbo encoder and settings as
    /// libvips' jpegsave, without a second libvips pipeline, which costs more than the encoding of a thumbnail.
    /// </summary>
    private static byte[] EncodeJpeg(Image image)
    {
        if (image.Format != Enums.BandFormat.Uchar || image.Bands is not (1 or 3)) return Encode(image, ImageFormat.Jpg);
        var pixels = image.WriteToMemory(out _);
        try
        {
            return Jpeg.TurboJpeg.Encode(pixels, image.Width, image.Height, image.Bands, JpegQuality);
        }
        finally
        {
            NetVips.NetVips.Free(pixels);
        }
    }

    private static byte[] Encode(Image image, ImageFormat format) => format switch
    {
        ImageFormat.Jpg => image.JpegsaveBuffer(q: JpegQuality, keep: Enums.ForeignKeep.None),
        // Compression 3: PNG output is for people who want lossless pixels, not the smallest file; level 6 costs twice the time.
        ImageFormat.Png => image.PngsaveBuffer(compression: 3, keep: Enums.ForeignKeep.None),
        ImageFormat.Webp => image.WebpsaveBuffer(q: WebpQuality, keep: Enums.ForeignKeep.None),
        ImageFormat.Gif => image.GifsaveBuffer(keep: Enums.ForeignKeep.None),
        _ => image.TiffsaveBuffer(compression: Enums.ForeignTiffCompression.Deflate, keep: Enums.ForeignKeep.None),
    };
}
