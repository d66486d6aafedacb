namespace QyHeritage.Iiif.ImageApi;

/// <summary>Which form of the size parameter was used.</summary>
public enum SizeKind
{
    /// <summary><c>max</c>: the region at full size, within the server's limits.</summary>
    Max,
    /// <summary><c>w,</c> (feature sizeByW).</summary>
    Width,
    /// <summary><c>,h</c> (feature sizeByH).</summary>
    Height,
    /// <summary><c>pct:n</c> (feature sizeByPct).</summary>
    Percent,
    /// <summary><c>w,h</c>, aspect ratio not kept (feature sizeByWh).</summary>
    Exact,
    /// <summary><c>!w,h</c>, the largest size inside w×h keeping the aspect ratio (feature sizeByConfinedWh).</summary>
    Confined,
}

/// <summary>
/// The size parameter: how large the returned image is. A leading <c>^</c> allows upscaling
/// (feature sizeUpscaling); without it, a size larger than the region is a 400. <c>full</c> was
/// removed in 3.0 and is refused.
/// https://iiif.io/api/image/3.0/#42-size
/// </summary>
public sealed record SizeParameter(SizeKind Kind, bool Upscale = false, int Width = 0, int Height = 0, double Percent = 0)
{
    public static readonly SizeParameter Max = new(SizeKind.Max);

    public static Parsed<SizeParameter> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Parsed<SizeParameter>.Fail("size: missing");
        var upscale = text[0] == '^';
        var s = upscale ? text[1..] : text;
        if (s == "max") return Parsed<SizeParameter>.Ok(new SizeParameter(SizeKind.Max, upscale));
        if (s == "full") return Parsed<SizeParameter>.Fail("size: 'full' is not allowed in Image API 3.0, use 'max'");
        if (s.StartsWith("pct:", StringComparison.Ordinal))
        {
            if (!IiifNumber.TryParseDecimal(s[4..], out var pct)) return Bad(text);
            if (pct <= 0) return Parsed<SizeParameter>.Fail($"size: '{RegionParameter.Printable(text)}' is zero");
            if (pct > 100 && !upscale) return Parsed<SizeParameter>.Fail($"size: '{RegionParameter.Printable(text)}' is over 100% without '^'");
            return Parsed<SizeParameter>.Ok(new SizeParameter(SizeKind.Percent, upscale, Percent: pct));
        }
        var confined = s.StartsWith('!');
        if (confined) s = s[1..];
        var comma = s.IndexOf(',');
        if (comma < 0 || s.IndexOf(',', comma + 1) >= 0) return Bad(text);
        var ws = s[..comma];
        var hs = s[(comma + 1)..];
        int w = 0, h = 0;
        if (ws.Length > 0 && !IiifNumber.TryParseInt(ws, out w)) return Bad(text);
        if (hs.Length > 0 && !IiifNumber.TryParseInt(hs, out h)) return Bad(text);
        if ((ws.Length > 0 && w == 0) || (hs.Length > 0 && h == 0)) return Parsed<SizeParameter>.Fail($"size: '{RegionParameter.Printable(text)}' has a zero width or height");
        var kind = (ws.Length > 0, hs.Length > 0) switch
        {
            (true, true) => confined ? SizeKind.Confined : SizeKind.Exact,
            (true, false) when !confined => SizeKind.Width,
            (false, true) when !confined => SizeKind.Height,
            _ => (SizeKind?)null,
        };
        return kind is null ? Bad(text) : Parsed<SizeParameter>.Ok(new SizeParameter(kind.Value, upscale, w, h));
    }

    /// <summary>
    /// The output size for a region of <paramref name="regionWidth"/>×<paramref name="regionHeight"/>.
    /// max, ^max and !w,h shrink to fit the limits (the spec lets the server do so); explicit sizes
    /// over the limits are refused with a 400 naming the limit.
    /// </summary>
    public Parsed<(int Width, int Height)> Resolve(int regionWidth, int regionHeight, ImageLimits limits)
    {
        double rw = regionWidth, rh = regionHeight;
        (int W, int H) size;
        switch (Kind)
        {
            case SizeKind.Max:
                if (Upscale) return Parsed<(int, int)>.Ok(FitUp(rw, rh, limits));
                return Parsed<(int, int)>.Ok(limits.Fit(rw, rh));
            case SizeKind.Confined:
            {
                var scale = Math.Min(Width / rw, Height / rh);
                if (!Upscale) scale = Math.Min(scale, 1.0);
                // The bounding side comes out exact; rounding the other cannot pass its bound either.
                var w = Math.Max(1, (int)Math.Round(rw * scale, MidpointRounding.AwayFromZero));
                var h = Math.Max(1, (int)Math.Round(rh * scale, MidpointRounding.AwayFromZero));
                // "as large as possible but not larger than ... server-imposed limits"
                return Parsed<(int, int)>.Ok(limits.Allows(w, h) ? (w, h) : limits.Fit(w, h));
            }
            case SizeKind.Width:
                size = (Width, Math.Max(1, (int)Math.Round(rh * Width / rw, MidpointRounding.AwayFromZero)));
                break;
            case SizeKind.Height:
                size = (Math.Max(1, (int)Math.Round(rw * Height / rh, MidpointRounding.AwayFromZero)), Height);
                break;
            case SizeKind.Percent:
                size = ((int)Math.Round(rw * Percent / 100, MidpointRounding.AwayFromZero), (int)Math.Round(rh * Percent / 100, MidpointRounding.AwayFromZero));
                if (size.W == 0 || size.H == 0) return Parsed<(int, int)>.Fail($"size: '{this}' gives an empty image for this region");
                break;
            default:
                size = (Width, Height);
                break;
        }
        if (!Upscale && (size.W > regionWidth || size.H > regionHeight))
            return Parsed<(int, int)>.Fail($"size: '{this}' is larger than the {regionWidth}×{regionHeight} region; prefix it with '^' to upscale");
        if (!limits.Allows(size.W, size.H))
            return Parsed<(int, int)>.Fail($"size: {size.W}×{size.H} is over the server's limits (maxWidth {limits.MaxWidth}, maxHeight {limits.MaxHeight}, maxArea {limits.MaxArea})");
        return Parsed<(int, int)>.Ok(size);
    }

    /// <summary>Canonical form of a resolved size (https://iiif.io/api/image/3.0/#47-canonical-uri-syntax).</summary>
    public static string Canonical(int width, int height, int regionWidth, int regionHeight)
    {
        if (width == regionWidth && height == regionHeight) return "max";
        var up = width > regionWidth || height > regionHeight ? "^" : "";
        return $"{up}{width},{height}";
    }

    public override string ToString()
    {
        var up = Upscale ? "^" : "";
        return Kind switch
        {
            SizeKind.Max => up + "max",
            SizeKind.Width => $"{up}{Width},",
            SizeKind.Height => $"{up},{Height}",
            SizeKind.Percent => $"{up}pct:{IiifNumber.Format(Percent)}",
            SizeKind.Exact => $"{up}{Width},{Height}",
            _ => $"{up}!{Width},{Height}",
        };
    }

    /// <summary>^max: as large as the limits allow, keeping the aspect ratio.</summary>
    private static (int, int) FitUp(double rw, double rh, ImageLimits limits)
    {
        var scale = Math.Min(limits.MaxWidth / rw, limits.MaxHeight / rh);
        scale = Math.Min(scale, Math.Sqrt(limits.MaxArea / (rw * rh)));
        return (Math.Max(1, (int)Math.Floor(rw * scale + 1e-9)), Math.Max(1, (int)Math.Floor(rh * scale + 1e-9)));
    }

    private static Parsed<SizeParameter> Bad(string text) =>
        Parsed<SizeParameter>.Fail($"size: '{RegionParameter.Printable(text)}' is not max, w,, ,h, pct:n, w,h or !w,h (optionally with '^')");
}
