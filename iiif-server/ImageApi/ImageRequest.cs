namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// The four parameters after the identifier: <c>{region}/{size}/{rotation}/{quality}.{format}</c>,
/// parsed but not yet applied to an image.
/// https://iiif.io/api/image/3.0/#4-image-requests
/// </summary>
public sealed record ImageRequest(RegionParameter Region, SizeParameter Size, RotationParameter Rotation, Quality Quality, ImageFormat Format)
{
    /// <summary>Parses the path segments; the first malformed one gives the error (in path order).</summary>
    public static Parsed<ImageRequest> Parse(string region, string size, string rotation, string qualityDotFormat)
    {
        var r = RegionParameter.Parse(region);
        if (!r.IsValid) return Parsed<ImageRequest>.Fail(r.Error!);
        var s = SizeParameter.Parse(size);
        if (!s.IsValid) return Parsed<ImageRequest>.Fail(s.Error!);
        var rot = RotationParameter.Parse(rotation);
        if (!rot.IsValid) return Parsed<ImageRequest>.Fail(rot.Error!);
        var dot = qualityDotFormat.LastIndexOf('.');
        if (dot < 0) return Parsed<ImageRequest>.Fail($"format: '{RegionParameter.Printable(qualityDotFormat)}' has no '.format' after the quality");
        var q = Qualities.Parse(qualityDotFormat[..dot]);
        if (!q.IsValid) return Parsed<ImageRequest>.Fail(q.Error!);
        var f = ImageFormats.Parse(qualityDotFormat[(dot + 1)..]);
        if (!f.IsValid) return Parsed<ImageRequest>.Fail(f.Error!);
        return Parsed<ImageRequest>.Ok(new ImageRequest(r.Get(), s.Get(), rot.Get(), q.Get(), f.Get()));
    }

    /// <summary>Applies the request to an image of the given size: the pixels to cut, the output size, the canonical form.</summary>
    public Parsed<ImagePlan> Resolve(int imageWidth, int imageHeight, ImageLimits limits)
    {
        var rect = Region.Resolve(imageWidth, imageHeight);
        if (!rect.IsValid) return Parsed<ImagePlan>.Fail(rect.Error!, rect.Status);
        var r = rect.Get();
        var size = Size.Resolve(r.Width, r.Height, limits);
        if (!size.IsValid) return Parsed<ImagePlan>.Fail(size.Error!, size.Status);
        var (w, h) = size.Get();
        return Parsed<ImagePlan>.Ok(new ImagePlan(r, w, h, Rotation, Quality, Format, imageWidth, imageHeight));
    }

    public override string ToString() => $"{Region}/{Size}/{Rotation}/{Quality.Name()}.{Format.Extension()}";
}

/// <summary>A request applied to one image: everything the renderer needs, in pixels.</summary>
public sealed record ImagePlan(PixelRect Region, int Width, int Height, RotationParameter Rotation, Quality Quality, ImageFormat Format, int ImageWidth, int ImageHeight)
{
    /// <summary>
    /// The canonical parameters (https://iiif.io/api/image/3.0/#47-canonical-uri-syntax): equal
    /// requests (e.g. full/max and 0,0,W,H/W,H) share one form, one cache entry and one ETag.
    /// </summary>
    public string Canonical =>
        $"{RegionParameter.Canonical(Region, ImageWidth, ImageHeight)}/{SizeParameter.Canonical(Width, Height, Region.Width, Region.Height)}/{Rotation}/{Quality.Name()}.{Format.Extension()}";

    /// <summary>Size of the image sent, after rotation.</summary>
    public (int Width, int Height) OutputSize => Rotation.RotatedSize(Width, Height);
}
