namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// The largest output the server makes, advertised in info.json as maxWidth, maxHeight and maxArea
/// (https://iiif.io/api/image/3.0/#52-technical-properties). They bound memory and CPU per request.
/// </summary>
public readonly record struct ImageLimits(int MaxWidth, int MaxHeight, long MaxArea)
{
    public bool Allows(int width, int height) => width <= MaxWidth && height <= MaxHeight && (long)width * height <= MaxArea;

    /// <summary>The largest size with the aspect ratio of <paramref name="width"/>×<paramref name="height"/> inside the limits.</summary>
    public (int Width, int Height) Fit(double width, double height)
    {
        var scale = Math.Min(1.0, Math.Min(MaxWidth / width, MaxHeight / height));
        scale = Math.Min(scale, Math.Sqrt(MaxArea / (width * height)));
        var w = Math.Max(1, (int)Math.Floor(width * scale + 1e-9));
        var h = Math.Max(1, (int)Math.Floor(height * scale + 1e-9));
        return (w, h);
    }
}
