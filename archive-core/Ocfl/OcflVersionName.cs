using System.Globalization;

namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// Version directory names (https://ocfl.io/1.1/spec/#version-directories): <c>v</c> and a positive
/// integer, either plain (v1, v2, ... as we write) or zero-padded to one width (v001, v002, ...).
/// </summary>
public static class OcflVersionName
{
    /// <summary>Parses <c>vN</c>; <paramref name="padWidth"/> is the digit count when zero-padded, else 0.</summary>
    public static bool TryParse(string? name, out int number, out int padWidth)
    {
        number = 0;
        padWidth = 0;
        if (name is null || name.Length < 2 || name[0] != 'v' || name.Length > 11) return false;
        var digits = name.AsSpan(1);
        foreach (var c in digits) if (!char.IsAsciiDigit(c)) return false;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1) return false;
        if (digits[0] == '0') padWidth = digits.Length;
        return true;
    }

    /// <summary>The name of version <paramref name="number"/> in a naming scheme (0 = not padded).</summary>
    public static string Format(int number, int padWidth = 0)
    {
        var digits = number.ToString(CultureInfo.InvariantCulture);
        if (padWidth == 0) return "v" + digits;
        // A padded scheme ends where the number would no longer start with a zero (E011, E013).
        if (digits.Length >= padWidth) throw new InvalidOperationException($"Version {number} does not fit the zero-padded naming of width {padWidth}.");
        return "v" + digits.PadLeft(padWidth, '0');
    }
}
