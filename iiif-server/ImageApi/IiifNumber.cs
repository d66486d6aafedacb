using System.Globalization;

namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// Numbers as the Image API writes them: plain decimal digits with an optional fraction, no sign,
/// no exponent, no thousands separators, always in the invariant culture
/// (https://iiif.io/api/image/3.0/#4-image-requests).
/// </summary>
internal static class IiifNumber
{
    /// <summary>A non-negative integer of at most 9 digits (larger than any image we serve).</summary>
    public static bool TryParseInt(string s, out int value)
    {
        value = 0;
        if (s.Length is 0 or > 9) return false;
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        value = int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>A non-negative decimal: digits, optionally '.' and more digits ("12", "12.5", "0.25").</summary>
    public static bool TryParseDecimal(string s, out double value)
    {
        value = 0;
        if (s.Length is 0 or > 20) return false;
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? "" : s[(dot + 1)..];
        if (whole.Length == 0 || (dot >= 0 && fraction.Length == 0)) return false;
        foreach (var c in whole) if (!char.IsAsciiDigit(c)) return false;
        foreach (var c in fraction) if (!char.IsAsciiDigit(c)) return false;
        value = double.Parse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return double.IsFinite(value);
    }

    /// <summary>Canonical text: an integer when whole, otherwise the shortest round-trip decimal without trailing zeros.</summary>
    public static string Format(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("0.##########", CultureInfo.InvariantCulture);
}
