using System.Text;
using QyHeritage.Archive.Transcription;

namespace QyHeritage.Search.Indexing;

/// <summary>
/// The searchable text of one page, made from its transcription (pNNN.txt): the printed columns (or
/// lines) joined without their breaks, so a word running from one column into the next is one word;
/// double-line small notes kept in place between 〔 and 〕; indentation dropped; a blank line (between
/// newspaper articles) kept as a line break. Each UTF-16 position knows which inked character of the
/// transcription it is, which is the index of that character's box in <c>text/pNNN.hocr</c>.
/// </summary>
public sealed class PageText
{
    private readonly int[] _inkIndex;

    private PageText(string text, int[] inkIndex, int inkCount)
    {
        Text = text;
        _inkIndex = inkIndex;
        InkCount = inkCount;
    }

    /// <summary>The text as indexed and shown in snippets, in the page's own script.</summary>
    public string Text { get; }

    /// <summary>How many inked characters the transcription has (the number of boxes in its aligned hOCR).</summary>
    public int InkCount { get; }

    /// <summary>The inked character at a UTF-16 position of <see cref="Text"/>, or -1 for a note mark, space or line break.</summary>
    public int InkIndexAt(int offset) => offset >= 0 && offset < _inkIndex.Length ? _inkIndex[offset] : -1;

    /// <summary>The inked characters covered by <c>Text[start..end)</c>, in order.</summary>
    public IEnumerable<int> InkIndexes(int start, int end)
    {
        var last = -1;
        for (var i = Math.Max(0, start); i < Math.Min(end, _inkIndex.Length); i++)
        {
            var k = _inkIndex[i];
            if (k >= 0 && k != last) yield return last = k;
        }
    }

    /// <summary>Where each inked character starts in <see cref="Text"/>, by ink index.</summary>
    public int[] InkOffsets()
    {
        var offsets = new int[InkCount];
        var last = -1;
        for (var i = 0; i < _inkIndex.Length; i++)
        {
            var k = _inkIndex[i];
            if (k >= 0 && k != last) offsets[last = k] = i;
        }
        return offsets;
    }

    public static PageText Empty { get; } = new("", [], 0);

    /// <summary>Builds the page text from the transcription file's content.</summary>
    public static PageText FromTranscription(string transcription)
    {
        var parsed = Transcription.Parse(transcription);
        var sb = new StringBuilder();
        var map = new List<int>();
        var ink = 0;
        var inNote = false;
        var pendingBreak = false;
        void Append(string s, int inkIndex)
        {
            sb.Append(s);
            for (var i = 0; i < s.Length; i++) map.Add(inkIndex);
        }
        foreach (var line in parsed.Lines)
        {
            if (line.IsEmpty)
            {
                pendingBreak = sb.Length > 0;
                continue;
            }
            var lineStart = true;
            foreach (var c in line.Chars)
            {
                if (c.IsBlank && !c.IsSmallNote)
                {
                    // Indentation has no meaning for search; an inner space separates Latin words.
                    if ((c.Flags & TranscribedCharFlags.Space) != 0 && !lineStart && sb.Length > 0 && sb[^1] != ' ') Append(" ", -1);
                    continue;
                }
                if (lineStart)
                {
                    if (pendingBreak) Append("\n", -1);
                    else if (NeedsSpace(sb, c.Text)) Append(" ", -1);
                    pendingBreak = false;
                    lineStart = false;
                }
                if (c.IsSmallNote != inNote)
                {
                    Append(c.IsSmallNote ? "〔" : "〕", -1);
                    inNote = c.IsSmallNote;
                }
                if (c.IsBlank) continue;
                Append(c.Text, ink++);
            }
            // A note that ends with its line is closed by the next line's first main-text character.
        }
        if (inNote) Append("〕", -1);
        return new PageText(sb.ToString(), map.ToArray(), ink);
    }

    /// <summary>
    /// Builds the page text from raw OCR (a page without transcription): the recognised characters of each
    /// line, lines joined as in <see cref="FromTranscription"/>, one ink index per glyph.
    /// </summary>
    public static PageText FromOcr(QyHeritage.Archive.Ocr.OcrPage ocr)
    {
        var sb = new StringBuilder();
        var map = new List<int>();
        var ink = 0;
        foreach (var line in ocr.Lines)
        {
            var first = true;
            foreach (var g in line.Glyphs)
            {
                if (first && g.Text.Length > 0 && NeedsSpace(sb, g.Text)) { sb.Append(' '); map.Add(-1); }
                first = false;
                sb.Append(g.Text);
                for (var i = 0; i < g.Text.Length; i++) map.Add(ink);
                ink++;
            }
        }
        return new PageText(sb.ToString(), map.ToArray(), ink);
    }

    /// <summary>Latin words wrapped at a line end were separated by the break; CJK text was not.</summary>
    private static bool NeedsSpace(StringBuilder sb, string next) =>
        sb.Length > 0 && IsLatinOrDigit(sb[^1]) && next.Length > 0 && IsLatinOrDigit(next[0]);

    private static bool IsLatinOrDigit(char c) => char.IsAsciiLetterOrDigit(c);
}
