using System.Globalization;

namespace QyHeritage.Archive.Ocr;

/// <summary>The hOCR <c>title</c> property list ("bbox 1 2 3 4; x_conf 97.5"), parsed with the invariant culture.</summary>
internal static class HocrTitle
{
    public static Dictionary<string, string> Parse(string? title)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(title)) return props;
        foreach (var part in title.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = part.IndexOf(' ');
            if (space < 0) props[part] = "";
            else props[part[..space]] = part[(space + 1)..].Trim();
        }
        return props;
    }

    /// <summary>"x0 y0 x1 y1" (hOCR corners, exclusive end) as a box; false when missing or malformed.</summary>
    public static bool TryBox(Dictionary<string, string> props, string key, out Box box)
    {
        box = default;
        if (!props.TryGetValue(key, out var value)) return false;
        var n = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (n.Length < 4) return false;
        var c = new int[4];
        for (var i = 0; i < 4; i++)
        {
            if (!int.TryParse(n[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out c[i])) return false;
        }
        if (c[2] < c[0] || c[3] < c[1]) return false;
        box = new Box(c[0], c[1], c[2] - c[0], c[3] - c[1]);
        return true;
    }

    public static double? Number(Dictionary<string, string> props, string key) =>
        props.TryGetValue(key, out var v) && double.TryParse(v.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static string Bbox(Box b) => string.Create(CultureInfo.InvariantCulture, $"bbox {b.X} {b.Y} {b.Right} {b.Bottom}");
}
