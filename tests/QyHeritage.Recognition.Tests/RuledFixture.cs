using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// A real scan of TestData/real-scans laid out as <see cref="TesseractOcr"/> lays out a ruled page: deskewed, its frame,
/// rules and columns found. No tesseract: the layout alone.
/// </summary>
internal static class RuledFixture
{
    /// <summary>The fixture's page deskewed and its frames and rules; fails the test where none is found.</summary>
    public static (InkImage Page, RuledLayout Ruled) Find(string fixture)
    {
        var page = InkImage.Load(RealScanLayoutTests.Fixture(fixture));
        page.Deskew();
        var ruled = RuledFrames.Find(page);
        Assert.NotNull(ruled);
        return (page, ruled);
    }

    /// <summary>The median width of <paramref name="columns"/>: the page's column pitch.</summary>
    public static int Pitch(IReadOnlyList<Box> columns) => columns.Select(c => c.W).Order().ElementAt(columns.Count / 2);
}
