namespace QyHeritage.Iiif.ImageApi;

/// <summary>Which form of the region parameter was used.</summary>
public enum RegionKind
{
    /// <summary><c>full</c>: the whole image.</summary>
    Full,
    /// <summary><c>square</c>: the largest centred square (feature regionSquare).</summary>
    Square,
    /// <summary><c>x,y,w,h</c> in pixels (feature regionByPx).</summary>
    Pixels,
    /// <summary><c>pct:x,y,w,h</c> in percent of the full image (feature regionByPct).</summary>
    Percent,
}

/// <summary>
/// The region parameter: which rectangle of the full image to cut out.
/// https://iiif.io/api/image/3.0/#41-region
/// </summary>
public sealed record RegionParameter(RegionKind Kind, double X = 0, double Y = 0, double Width = 0, double Height = 0)
{
    public static readonly RegionParameter Full = new(RegionKind.Full);

    public static readonly RegionParameter Square = new(RegionKind.Square);

    public static Parsed<RegionParameter> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Parsed<RegionParameter>.Fail("region: missing");
        if (text == "full") return Parsed<RegionParameter>.Ok(Full);
        if (text == "square") return Parsed<RegionParameter>.Ok(Square);
        var percent = text.StartsWith("pct:", StringComparison.Ordinal);
        var parts = (percent ? text[4..] : text).Split(',');
        if (parts.Length != 4) return Bad(text);
        var v = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (percent)
            {
                if (!IiifNumber.TryParseDecimal(parts[i], out v[i])) return Bad(text);
            }
            else
            {
                if (!IiifNumber.TryParseInt(parts[i], out var n)) return Bad(text);
                v[i] = n;
            }
        }
        if (v[2] <= 0 || v[3] <= 0) return Parsed<RegionParameter>.Fail($"region: '{Printable(text)}' has a zero width or height");
        if (percent && (v[0] > 100 || v[1] > 100)) return Parsed<RegionParameter>.Fail($"region: '{Printable(text)}' starts beyond 100%");
        return Parsed<RegionParameter>.Ok(new RegionParameter(percent ? RegionKind.Percent : RegionKind.Pixels, v[0], v[1], v[2], v[3]));
    }

    /// <summary>
    /// The pixels this region selects in an image of the given size: cropped at the image edges;
    /// a region entirely outside the image is a 400, as the spec says.
    /// </summary>
    public Parsed<PixelRect> Resolve(int imageWidth, int imageHeight)
    {
        switch (Kind)
        {
            case RegionKind.Full:
                return Parsed<PixelRect>.Ok(new PixelRect(0, 0, imageWidth, imageHeight));
            case RegionKind.Square:
                var side = Math.Min(imageWidth, imageHeight);
                return Parsed<PixelRect>.Ok(new PixelRect((imageWidth - side) / 2, (imageHeight - side) / 2, side, side));
        }
        double x = X, y = Y, w = Width, h = Height;
        if (Kind == RegionKind.Percent)
        {
            x = X * imageWidth / 100;
            y = Y * imageHeight / 100;
            w = Width * imageWidth / 100;
            h = Height * imageHeight / 100;
        }
        var x0 = (long)Math.Round(x, MidpointRounding.AwayFromZero);
        var y0 = (long)Math.Round(y, MidpointRounding.AwayFromZero);
        var x1 = Math.Min(imageWidth, (long)Math.Round(x + w, MidpointRounding.AwayFromZero));
        var y1 = Math.Min(imageHeight, (long)Math.Round(y + h, MidpointRounding.AwayFromZero));
        if (x0 >= imageWidth || y0 >= imageHeight || x1 <= x0 || y1 <= y0)
            return Parsed<PixelRect>.Fail($"region: '{this}' lies outside the {imageWidth}×{imageHeight} image");
        return Parsed<PixelRect>.Ok(new PixelRect((int)x0, (int)y0, (int)(x1 - x0), (int)(y1 - y0)));
    }

    /// <summary>The canonical form of a resolved region: "full" when it is the whole image, else "x,y,w,h".</summary>
    public static string Canonical(PixelRect rect, int imageWidth, int imageHeight) =>
        rect.X == 0 && rect.Y == 0 && rect.Width == imageWidth && rect.Height == imageHeight ? "full" : rect.ToString();

    public override string ToString() => Kind switch
    {
        RegionKind.Full => "full",
        RegionKind.Square => "square",
        RegionKind.Pixels => $"{IiifNumber.Format(X)},{IiifNumber.Format(Y)},{IiifNumber.Format(Width)},{IiifNumber.Format(Height)}",
        _ => $"pct:{IiifNumber.Format(X)},{IiifNumber.Format(Y)},{IiifNumber.Format(Width)},{IiifNumber.Format(Height)}",
    };

    private static Parsed<RegionParameter> Bad(string text) =>
        Parsed<RegionParameter>.Fail($"region: '{Printable(text)}' is not full, square, x,y,w,h or pct:x,y,w,h");

    internal static string Printable(string s) =>
        new(s.Take(60).Select(c => char.IsControl(c) || c == '\'' ? '?' : c).ToArray());
}
