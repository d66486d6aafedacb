using System.Globalization;
using System.Text;

namespace QyHeritage.Archive.Transcription;

/// <summary>Turns one line of a pNNN.txt into characters with cells, following the sample collection's conventions.</summary>
internal static class TranscriptionLineParser
{
    private const string NoteOpen = "〔";
    private const string NoteClose = "〕";
    private const string PlaceholderText = "〓";
    private const string FullWidthSpace = "\u3000";

    public static TranscriptionLine Parse(int index, string raw)
    {
        // Trailing spaces carry no layout (the conventions drop them); leading ones are indentation.
        var text = raw.TrimEnd(' ', '\t', '\u3000');
        var chars = new List<TranscribedChar>();
        var note = new List<string>();
        // A close before any open: the note began on the previous line and continues at the top of this one.
        var close = text.IndexOf(NoteClose, StringComparison.Ordinal);
        var open = text.IndexOf(NoteOpen, StringComparison.Ordinal);
        var inNote = close >= 0 && (open < 0 || close < open);
        var leading = true;
        var indent = 0;
        double cell = 0;

        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var e = elements.GetTextElement();
            if (e == NoteOpen && !inNote) { inNote = true; continue; }
            if (e == NoteClose) { if (inNote) cell = FlushNote(note, index, cell, chars); inNote = false; continue; }
            if (inNote) { note.Add(e); leading = false; continue; }

            if (IsSpace(e))
            {
                var advance = e == FullWidthSpace ? 1.0 : 0.5;
                var flag = leading ? TranscribedCharFlags.Indent : TranscribedCharFlags.Space;
                if (leading && e == FullWidthSpace) indent++;
                chars.Add(new TranscribedChar(e, flag, NoteSide.None, index, cell, advance));
                cell += advance;
                continue;
            }

            leading = false;
            var width = IsHalfWidth(e) ? 0.5 : 1.0;
            chars.Add(new TranscribedChar(e, Classify(e), NoteSide.None, index, cell, width));
            cell += width;
        }

        // A note left open at the end of a line still belongs to this column; the next line reopens it.
        if (inNote) cell = FlushNote(note, index, cell, chars);
        return new TranscriptionLine(index, raw, chars, indent, cell);
    }

    /// <summary>
    /// Lays a small note out as two half-width sub-lines sharing the same cells: the first sub-line
    /// takes the first ceil(n/2) characters, the second the rest (what the sample pages show).
    /// </summary>
    private static double FlushNote(List<string> note, int lineIndex, double cell, List<TranscribedChar> chars)
    {
        var firstCount = (note.Count + 1) / 2;
        for (var i = 0; i < note.Count; i++)
        {
            var side = i < firstCount ? NoteSide.First : NoteSide.Second;
            var offset = i < firstCount ? i : i - firstCount;
            var e = note[i];
            var flags = IsSpace(e) ? TranscribedCharFlags.Space : Classify(e);
            chars.Add(new TranscribedChar(e, flags | TranscribedCharFlags.SmallNote, side, lineIndex, cell + offset, 1.0));
        }
        note.Clear();
        return cell + firstCount;
    }

    private static TranscribedCharFlags Classify(string element)
    {
        if (element == PlaceholderText) return TranscribedCharFlags.Placeholder;
        return MatchKey.IsPunctuation(element) ? TranscribedCharFlags.Punctuation : TranscribedCharFlags.None;
    }

    private static bool IsSpace(string element) => element.Length > 0 && string.IsNullOrWhiteSpace(element);

    /// <summary>Latin letters, digits and ASCII signs are set half-width in the modern pages.</summary>
    private static bool IsHalfWidth(string element)
    {
        var r = Rune.GetRuneAt(element, 0);
        return r.Value is >= 0x21 and <= 0x7E;
    }
}
