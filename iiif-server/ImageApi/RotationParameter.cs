namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// The rotation parameter: an optional <c>!</c> (mirror before rotating, feature mirroring) and
/// degrees clockwise from 0 to 360 (feature rotationBy90s; any other angle is rotationArbitrary).
/// https://iiif.io/api/image/3.0/#43-rotation
/// </summary>
public sealed record RotationParameter(bool Mirror, double Degrees)
{
    public static readonly RotationParameter None = new(false, 0);

    /// <summary>0, 90, 180 or 270: done by moving pixels, without resampling.</summary>
    public bool IsRightAngle => Degrees % 90 == 0;

    public static Parsed<RotationParameter> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Parsed<RotationParameter>.Fail("rotation: missing");
        var mirror = text[0] == '!';
        var s = mirror ? text[1..] : text;
        if (!IiifNumber.TryParseDecimal(s, out var degrees))
            return Parsed<RotationParameter>.Fail($"rotation: '{RegionParameter.Printable(text)}' is not a number of degrees, optionally after '!'");
        if (degrees > 360) return Parsed<RotationParameter>.Fail($"rotation: '{RegionParameter.Printable(text)}' is over 360");
        // 360 turns the image all the way round: the same picture as 0, so one canonical form.
        return Parsed<RotationParameter>.Ok(new RotationParameter(mirror, degrees == 360 ? 0 : degrees));
    }

    /// <summary>Width and height after rotating a <paramref name="width"/>×<paramref name="height"/> image: the bounding box, as the spec says.</summary>
    public (int Width, int Height) RotatedSize(int width, int height)
    {
        if (IsRightAngle) return Degrees % 180 == 0 ? (width, height) : (height, width);
        var r = Degrees * Math.PI / 180;
        var c = Math.Abs(Math.Cos(r));
        var s = Math.Abs(Math.Sin(r));
        return ((int)Math.Round(width * c + height * s), (int)Math.Round(width * s + height * c));
    }

    public override string ToString() => (Mirror ? "!" : "") + IiifNumber.Format(Degrees);
}
