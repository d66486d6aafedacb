using System.Globalization;
using System.Text;
using QyHeritage.Archive;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Transcription;
using QyHeritage.Search.Folding;

namespace QyHeritage.Web.Features.Reading;

/// <summary>One run of a printed line: main text, or a double-line small note (雙行小注) with its two sub-lines.</summary>
public sealed record TextRun(string Main, string? NoteFirst = null, string? NoteSecond = null)
{
    public bool IsNote => NoteFirst is not null;
}

/// <summary>
/// The text of one page as the reading room shows it beside the image: the transcription's lines (one per printed
/// column or line), small notes as their two sub-lines, optionally in simplified characters.
/// </summary>
public sealed record PageText(IReadOnlyList<IReadOnlyList<TextRun>> Lines, bool FromOcr)
{
    public static readonly PageText None = new([], false);

    public bool IsEmpty => Lines.Count == 0;

    /// <summary>The page's transcription, else its raw OCR, else nothing.</summary>
    public static async Task<PageText> LoadAsync(ArchiveServices archive, Item item, Page page, bool simplified, CancellationToken ct)
    {
        if (page.Transcription is not null)
            return FromTranscription(Transcription.Parse(await ReadAsync(archive, item.Id, page.Transcription, ct)), simplified);
        if (page.Ocr is not null)
        {
            var text = Archive.Ocr.Hocr.Parse(await ReadAsync(archive, item.Id, page.Ocr, ct)).Text;
            return new PageText(text.Split('\n').Select(l => (IReadOnlyList<TextRun>)[new TextRun(Fold(l, simplified))]).ToList(), true);
        }
        return None;
    }

    public static PageText FromTranscription(Transcription transcription, bool simplified)
    {
        var lines = new List<IReadOnlyList<TextRun>>();
        foreach (var line in transcription.Lines)
        {
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
            lines.Add(runs);
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

    private static async Task<string> ReadAsync(ArchiveServices archive, string itemId, string path, CancellationToken ct)
    {
        await using var stream = await archive.Ocfl.OpenFileAsync(itemId, path, null, ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }
}
