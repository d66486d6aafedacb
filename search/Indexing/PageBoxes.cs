using QyHeritage.Archive.Ocr;

namespace QyHeritage.Search.Indexing;

/// <summary>One character's rectangle on the page image, which printed column or line it is in, and where it starts in the page text.</summary>
public readonly record struct CharBox(int Line, Box Box, int Offset = -1);

/// <summary>
/// The boxes of a page's inked characters, in transcription order (index = ink index of
/// <see cref="PageText"/>), packed small to be stored with the page document.
/// </summary>
public static class PageBoxes
{
    /// <summary>Flattens an aligned hOCR page to one box per character, in reading order.</summary>
    public static IReadOnlyList<CharBox> FromOcr(OcrPage page) =>
        page.Lines.SelectMany((l, i) => l.Glyphs.Select(g => new CharBox(i, g.Box))).ToList();

    /// <summary>Packs the boxes with each character's offset in <paramref name="text"/> (boxes and ink characters correspond one to one).</summary>
    public static byte[] Pack(IReadOnlyList<CharBox> boxes, PageText text)
    {
        if (boxes.Count != text.InkCount) throw new ArgumentException($"{boxes.Count} boxes for {text.InkCount} characters", nameof(boxes));
        var offsets = text.InkOffsets();
        using var ms = new MemoryStream(boxes.Count * 8 + 4);
        using (var w = new BinaryWriter(ms))
        {
            w.Write7BitEncodedInt(boxes.Count);
            var previous = 0;
            for (var i = 0; i < boxes.Count; i++)
            {
                var b = boxes[i];
                // Offsets only grow, by one or two mostly: deltas keep them to a byte each.
                w.Write7BitEncodedInt(offsets[i] - previous);
                previous = offsets[i];
                w.Write7BitEncodedInt(b.Line);
                w.Write7BitEncodedInt(b.Box.X);
                w.Write7BitEncodedInt(b.Box.Y);
                w.Write7BitEncodedInt(b.Box.W);
                w.Write7BitEncodedInt(b.Box.H);
            }
        }
        return ms.ToArray();
    }

    public static IReadOnlyList<CharBox> Unpack(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return [];
        using var r = new BinaryReader(new MemoryStream(bytes.ToArray()));
        var n = r.Read7BitEncodedInt();
        var boxes = new CharBox[n];
        var offset = 0;
        for (var i = 0; i < n; i++)
        {
            offset += r.Read7BitEncodedInt();
            var line = r.Read7BitEncodedInt();
            boxes[i] = new CharBox(line, new Box(r.Read7BitEncodedInt(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt()), offset);
        }
        return boxes;
    }

    /// <summary>The characters (indexes into <paramref name="boxes"/>) that start inside text offsets [start, end).</summary>
    public static IEnumerable<int> InSpan(IReadOnlyList<CharBox> boxes, int start, int end)
    {
        for (var i = 0; i < boxes.Count; i++)
        {
            if (boxes[i].Offset >= end) yield break;
            if (boxes[i].Offset >= start) yield return i;
        }
    }

    /// <summary>
    /// The rectangles to draw for a run of characters: one per printed column or line the run touches
    /// (a word across a column break gets two rectangles, a note's two half columns one each).
    /// </summary>
    public static IReadOnlyList<Box> Rectangles(IReadOnlyList<CharBox> boxes, IEnumerable<int> inkIndexes)
    {
        var result = new List<Box>();
        int line = -1, x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        foreach (var k in inkIndexes)
        {
            if (k < 0 || k >= boxes.Count) continue;
            var b = boxes[k].Box;
            // The run goes on down its column (overlapping across) or along its line (overlapping up and down);
            // anything else — the next column, the second half of a double-line note — starts a rectangle.
            var continues = boxes[k].Line == line
                && ((b.X < x1 && b.X + b.W > x0 && b.Y >= y0) || (b.Y < y1 && b.Y + b.H > y0 && b.X >= x0));
            if (!continues)
            {
                if (line >= 0) result.Add(new Box(x0, y0, x1 - x0, y1 - y0));
                line = boxes[k].Line; x0 = b.X; y0 = b.Y; x1 = b.X + b.W; y1 = b.Y + b.H;
                continue;
            }
            x0 = Math.Min(x0, b.X); y0 = Math.Min(y0, b.Y);
            x1 = Math.Max(x1, b.X + b.W); y1 = Math.Max(y1, b.Y + b.H);
        }
        if (line >= 0) result.Add(new Box(x0, y0, x1 - x0, y1 - y0));
        return result;
    }
}
