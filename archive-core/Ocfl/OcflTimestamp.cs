using System.Globalization;
using System.Text.RegularExpressions;

namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// The <c>created</c> value of a version (https://ocfl.io/1.1/spec/#version, E049): RFC 3339
/// date-time with seconds and a time zone. Parsed by hand because inventories carry up to nine
/// fractional digits, more than <see cref="DateTimeOffset"/>'s parsers take.
/// </summary>
public static partial class OcflTimestamp
{
    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null) return false;
        var m = Rfc3339().Match(text);
        if (!m.Success) return false;
        int I(int g) => int.Parse(m.Groups[g].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        try
        {
            var offset = m.Groups[8].Success ? TimeSpan.Zero : new TimeSpan(I(10), I(11), 0) * (m.Groups[9].Value == "-" ? -1 : 1);
            // RFC 3339 allows a leap second (:60); DateTimeOffset does not, so it counts as :59.
            var dto = new DateTimeOffset(I(1), I(2), I(3), I(4), I(5), Math.Min(I(6), 59), offset);
            if (m.Groups[7].Success)
            {
                var fraction = m.Groups[7].Value.PadRight(7, '0')[..7];
                dto = dto.AddTicks(long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture));
            }
            value = dto;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>UTC, seconds always, fractional digits only when there are any.</summary>
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
