using System.Globalization;
using System.Text.RegularExpressions;

namespace QyHeritage.Archive.Domain;

/// <summary>
/// An item's date as the source writes it (雍正九年, 太平興國年間) plus its normalised form:
/// an EDTF string (https://www.loc.gov/standards/datetime/) and the years it spans.
/// Supported EDTF: YYYY, YYYY-MM, YYYY-MM-DD, an interval A/B of those, and the '~' (approximate)
/// and '?' (uncertain) qualifiers on a whole date.
/// </summary>
public sealed partial record ItemDate(string AsWritten, string? Edtf, int? StartYear, int? EndYear, bool Approximate)
{
    public static readonly ItemDate Unknown = new("", null, null, null, false);

    /// <summary>Builds a date from the written form and an EDTF value; a malformed EDTF is an error value.</summary>
    public static bool TryCreate(string asWritten, string? edtf, out ItemDate date, out string? error)
    {
        date = Unknown with { AsWritten = asWritten ?? "" };
        error = null;
        if (string.IsNullOrWhiteSpace(edtf)) return true;
        edtf = edtf.Trim();
        var parts = edtf.Split('/');
        if (parts.Length > 2) { error = $"'{edtf}' is not an EDTF date or interval"; return false; }
        var approximate = false;
        var years = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var m = EdtfDate().Match(parts[i]);
            if (!m.Success) { error = $"'{edtf}' is not an EDTF date (expected YYYY, YYYY-MM or YYYY-MM-DD)"; return false; }
            years[i] = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (m.Groups["m"].Success)
            {
                var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
                var day = m.Groups["d"].Success ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : 1;
                if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, years[i]), month))
                { error = $"'{edtf}' names a month or day that does not exist"; return false; }
            }
            approximate |= m.Groups["q"].Success;
        }
        if (years.Length == 2 && years[1] < years[0]) { error = $"'{edtf}' ends before it starts"; return false; }
        date = new ItemDate(asWritten ?? "", edtf, years[0], years[^1], approximate);
        return true;
    }

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<m>\d{2})(-(?<d>\d{2}))?)?(?<q>[~?%])?$", RegexOptions.CultureInvariant)]
    private static partial Regex EdtfDate();
}
