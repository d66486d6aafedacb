using System.Globalization;
using System.Text;
using QyHeritage.Archive;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Transcription;
using QyHeritage.Search.Folding;

namespace QyHeritage.Web.Features.Reading;

/// <summary>One run of a printed line: main text, or a double-line small note (雙行小注) with its two sub-lines.</summary>
public sealed record TextRun(string Main, string? NoteFirst = null, string? NoteSecond = null)
{
    public bool IsNote => NoteFirst is not null;
}

/// <summary>One printed line (a column of a vertical page) and where the OCR alignment found it on the page image, if it did.</summary>
public sealed record TextLine(IReadOnlyList<TextRun> Runs, Box? Box = null)
{
    /// <summary>The box as "x,y,w,h" in page-image pixels (the Content Search xywh form), for the page's script.</summary>
    public string? BoxAttribute => Box is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b.X},{b.Y},{b.W},{b.H}") : null;
}

/// <summary>
/// The text of one page as the reading room shows it beside the image: the transcription's lines (one per printed
/// column or line), small notes as their two sub-lines, optionally in simplified characters, each line with its box
/// on the image where ingest aligned the transcription to the OCR (<c>text/pNNN.hocr</c>) or the text is the OCR's.
/// </summary>
public sealed record PageText(IReadOnlyList<TextLine> Lines, bool FromOcr)
{
    public static readonly PageText None = new([], false);

    /// <summary>The folios the page's 版心 prints ("16b"), as recognition read them; empty where it has none or none was read.</summary>
    public IReadOnlyList<PrintedFolio> Folios { get; init; } = [];

    public bool IsEmpty => Lines.Count == 0;

    /// <summary>The page's transcription, else its raw OCR, else nothing.</summary>
    public static async Task<PageText> LoadAsync(ArchiveServices archive, Item item, Page page, bool simplified, CancellationToken ct)
    {
        if (page.Transcription is not null)
        {
            var aligned = page.TextBoxes is null ? null : Hocr.Parse(await ReadAsync(archive, item.Id, page.TextBoxes, ct));
            return FromTranscription(Transcription.Parse(await ReadAsync(archive, item.Id, page.Transcription, ct)), simplified, aligned) with { Folios = aligned?.Folios ?? [] };
        }
        if (page.Ocr is not null)
        {
            var ocr = Hocr.Parse(await ReadAsync(archive, item.Id, page.Ocr, ct));
            return new PageText(ocr.Lines.Select(l => new TextLine([new TextRun(Fold(l.Text, simplified))], l.Box)).ToList(), true) { Folios = ocr.Folios };
        }
        return None;
    }

    /// <param name="aligned">The transcription aligned to the image: one hOCR line per transcription line that has ink
    /// and was placed, in order, its glyphs the line's ink characters; lines it lacks get no box.</param>
    public static PageText FromTranscription(Transcription transcription, bool simplified, OcrPage? aligned = null)
    {
        var lines = new List<TextLine>();
        var next = 0;
        foreach (var line in transcription.Lines)
        {
            Box? box = null;
            var ink = string.Concat(line.InkChars.Select(c => c.Text));
            if (aligned is not null && ink.Length > 0 && next < aligned.Lines.Count && aligned.Lines[next].Text == ink)
                box = aligned.Lines[next++].Box;
            var runs = new List<TextRun>();
            var main = new StringBuilder();
            var (first, second) = (new StringBuilder(), new StringBuilder());
            void FlushNote()
            {
                if (first.Length + second.Length == 0) return;
                runs.Add(new TextRun("", Fold(first.ToString(), simplified), Fold(second.ToString(), simplified)));
                first.Clear();
                second.Clear();
            }
            foreach (var c in line.Chars)
            {
                if (c.IsSmallNote)
                {
                    if (main.Length > 0) { runs.Add(new TextRun(Fold(main.ToString(), simplified))); main.Clear(); }
                    // A first-side character after second-side ones starts another note on the same line.
                    if (c.Side == NoteSide.First && second.Length > 0) FlushNote();
                    (c.Side == NoteSide.Second ? second : first).Append(c.Text);
                }
                else
                {
                    FlushNote();
                    main.Append(c.Text);
                }
            }
            FlushNote();
            if (main.Length > 0) runs.Add(new TextRun(Fold(main.ToString(), simplified)));
            lines.Add(new TextLine(runs, box));
        }
        return new PageText(lines, false);
    }

    /// <summary>
    /// Simplified characters by the search's own folding table (the same forms the index finds), applied to letters only:
    /// full-width punctuation and spaces keep their place in a vertical column.
    /// </summary>
    private static string Fold(string text, bool simplified)
    {
        if (!simplified) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var r in text.EnumerateRunes())
            sb.Append(Rune.GetUnicodeCategory(r) == UnicodeCategory.OtherLetter ? FoldingTable.Default.Fold(r) : r.ToString());
        return sb.ToString();
    }

    /// <summary>A text file of the item's head version (or of <paramref name="version"/>), UTF-8.</summary>
    internal static Task<string> ReadAsync(ArchiveServices archive, string itemId, string path, CancellationToken ct, int? version = null) =>
        archive.Ocfl.ReadTextAsync(itemId, path, version, ct);
}
