using System.Globalization;

namespace QyHeritage.Archive.Ocr;

/// <summary>
/// Which half of a printed leaf (葉) a page image shows: a block-printed sheet is folded at its 版心, the half right of
/// the fold is the leaf's front (a, 前半葉), the half left of it its back (b, 後半葉). Bibliographies and Kanripo cite
/// pages this way ("卷213 16b").
/// </summary>
public enum FolioHalf
{
    A,
    B,
}

/// <summary>
/// The leaf number a page prints in its 版心 with the half it is, "16a": where the page sits in the book as printed,
/// whatever order the images were taken in. Parse/ToString round-trip.
/// </summary>
public readonly record struct PrintedFolio(int Leaf, FolioHalf Half)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Leaf}{(Half == FolioHalf.A ? 'a' : 'b')}");

    /// <summary>"16a", "16b"; false for anything else.</summary>
    public static bool TryParse(string? text, out PrintedFolio folio)
    {
        folio = default;
        if (text is null || text.Length < 2) return false;
        var half = text[^1] switch { 'a' => FolioHalf.A, 'b' => FolioHalf.B, _ => (FolioHalf?)null };
        if (half is null || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var leaf) || leaf <= 0) return false;
        folio = new PrintedFolio(leaf, half.Value);
        return true;
    }
}
