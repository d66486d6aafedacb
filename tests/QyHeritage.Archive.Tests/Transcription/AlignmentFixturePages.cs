using QyHeritage.Archive.Domain;

namespace QyHeritage.Archive.Tests.Transcription;

/// <summary>The pages whose real tesseract output is checked in under TestData/ocr-samples.</summary>
public static class AlignmentFixturePages
{
    // Measured confirmed shares (tesseract 5.3 fixtures): 51.7 %, 88.2 %, 87.2 %, 90.7 %, 71.5 %.
    // The bounds sit just below, so a regression in alignment shows while small changes do not.

    /// <summary>Seven small notes; tesseract garbles most of them and misses one column entirely.</summary>
    public static readonly AlignmentFixturePage RareBookNotes =
        new("rare-book-notes", "rb05_gdtz_j53_qingyuan_guji", "p001", TextLayout.VerticalRightToLeft, 0.50);

    /// <summary>Two small notes, one of them a note-only column.</summary>
    public static readonly AlignmentFixturePage RareBook =
        new("rare-book", "rb03_gdtz_j10_qingyuan_shanchuan", "p001", TextLayout.VerticalRightToLeft, 0.86);

    public static readonly AlignmentFixturePage Republican =
        new("republican-doc", "rd01_luxun_huanghuajie", "p001", TextLayout.VerticalRightToLeft, 0.85);

    public static readonly AlignmentFixturePage Horizontal =
        new("horizontal", "lh03_wiki_beijiang", "p001", TextLayout.Horizontal, 0.89);

    /// <summary>Three tiers of columns under a horizontal masthead and subtitle.</summary>
    public static readonly AlignmentFixturePage Newspaper =
        new("newspaper", "np01_synthetic_newspaper", "p001", TextLayout.VerticalRightToLeft, 0.70);

    public static IReadOnlyList<AlignmentFixturePage> All { get; } = [RareBookNotes, RareBook, Republican, Horizontal, Newspaper];

    /// <summary>Theory data: one case per page.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var p in All) data.Add(p.Name);
        return data;
    }

    public static AlignmentFixturePage Get(string name) => All.Single(p => p.Name == name);
}
