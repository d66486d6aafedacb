using System.Text;
using System.Text.RegularExpressions;

namespace QyHeritage.PageGen;

/// <summary>The looks the generator draws; which one an item gets follows its collection and layout.</summary>
public enum PageKind
{
    /// <summary>Rare-book half-folio: black frame and rules, 版心, notes; Kai.</summary>
    Classical,
    /// <summary>Republic-era book page: one tier of vertical columns, Sung/Ming letterpress.</summary>
    Republican,
    /// <summary>The same text as a magazine page: three tiers, drawn three times larger and scaled down to ~10 px characters.</summary>
    Magazine,
    /// <summary>Newspaper: masthead, tiers of vertical columns, headlines, rules between articles.</summary>
    Newspaper,
    /// <summary>Modern horizontal typesetting (an item whose layout is horizontal).</summary>
    Horizontal,
}

/// <summary>One generated page: the JPEG, the text of what was drawn (the pNNN.txt), and the drawing it came from.</summary>
public sealed record GeneratedPage(byte[] Jpeg, string Text, Drawn Drawn);

/// <summary>Turns a page of a sample transcription into a page image of the given look, deterministically for a seed.</summary>
public sealed partial class PageGenerator(Fonts fonts)
{
    /// <summary>The look for an item: its collection and its layout (from language_script, as ingest infers it).</summary>
    public static PageKind KindOf(string collection, bool vertical, bool notes) =>
        !vertical ? PageKind.Horizontal
        : collection == "newspaper" ? PageKind.Newspaper
        : collection == "republican-doc" ? PageKind.Republican
        : notes || collection is "rare-book" or "local-history" ? PageKind.Classical
        : PageKind.Republican;

    /// <summary>
    /// Draws page <paramref name="index"/> of an item whose pages' transcriptions are <paramref name="pages"/>. The other
    /// side of the leaf (shown through) is the item's next page, or its previous one, or this page's lines backwards.
    /// </summary>
    public GeneratedPage Render(PageKind kind, IReadOnlyList<IReadOnlyList<string>> pages, int index, string title, int seed, Look? look = null)
    {
        var rng = new Random(seed);
        var drawn = Draw(kind, pages[index], index, title, rng);
        look ??= new Look(true, kind == PageKind.Magazine ? 3 : 1);
        byte[]? verso = null;
        if (look.Degraded)
        {
            var other = pages.Count > index + 1 ? pages[index + 1] : index > 0 ? pages[index - 1] : pages[index].Reverse().ToList();
            var back = Draw(kind, other, index, title, new Random(seed ^ 0x5f3759df));
            verso = Resample(back, drawn.Width, drawn.Height);
        }
        var jpeg = Degrade.Finish(drawn, verso, look, rng);
        var text = new StringBuilder();
        foreach (var line in drawn.Truth) text.Append(line).Append('\n');
        return new GeneratedPage(jpeg, text.ToString(), drawn);
    }

    private Drawn Draw(PageKind kind, IReadOnlyList<string> lines, int index, string title, Random rng)
    {
        var body = lines.ToList();
        while (body.Count > 0 && body[^1].Trim().Length == 0) body.RemoveAt(body.Count - 1);
        switch (kind)
        {
            case PageKind.Classical:
            {
                // 版心: the book's title (before the first space of title_zh), its 卷, and a leaf number.
                var book = title.Split(' ', '　')[0];
                var juan = Juan().Match(title) is { Success: true } m ? m.Value : "";
                return Layouts.Classical(fonts, body, rng, book.Length > 8 ? book[..8] : book, juan, index / 2 + 1 + rng.Next(60),
                    foldOnLeft: index % 2 == 0, doubleFrame: rng.Next(2) == 0);
            }
            case PageKind.Republican or PageKind.Magazine:
            {
                // The sample's Republic-era pages: title and author first on page 1, an Arabic folio number last.
                string? folio = body.Count > 0 && body[^1].Trim().All(char.IsAsciiDigit) && body[^1].Trim().Length > 0 ? body[^1].Trim() : null;
                if (folio is not null) body.RemoveAt(body.Count - 1);
                var cols = body.Select((l, i) => new VColumn(Token.Parse(l), Head: index == 0 && i == 0)).ToList();
                return kind == PageKind.Republican
                    ? Layouts.Tiers(fonts, cols, rng, cell: 40, rows: Math.Max(20, cols.Max(c => c.Tokens.Sum(t => t.Cells))), tiers: 1, FontStyle.Sung, rules: false, folio: folio)
                    : Layouts.Tiers(fonts, cols, rng, cell: 33, rows: 15 + rng.Next(4), tiers: 3, FontStyle.Ming, rules: true, folio: folio);
            }
            case PageKind.Newspaper:
            {
                // Masthead and subtitle, then articles separated by a blank line, each headline first.
                var cols = new List<VColumn>();
                var start = true;
                foreach (var l in body.Skip(2))
                {
                    if (l.Trim().Length == 0) { start = true; continue; }
                    cols.Add(new VColumn(Token.Parse(l), Head: start, ArticleStart: start));
                    start = false;
                }
                var rows = Math.Max(10, cols.Where(c => !c.Head).Select(c => c.Tokens.Sum(t => t.Cells)).DefaultIfEmpty(12).Max());
                return Layouts.Tiers(fonts, cols, rng, cell: 28, rows: rows, tiers: 3, FontStyle.Sung, rules: true,
                    masthead: body.ElementAtOrDefault(0), subline: body.ElementAtOrDefault(1));
            }
            default:
                return Layouts.Horizontal(fonts, body);
        }
    }

    /// <summary>The verso's ink scaled to this page's size (the mirroring is done where it is shown through).</summary>
    private static byte[] Resample(Drawn back, int w, int h)
    {
        var o = new byte[w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                o[y * w + x] = back.Ink[(int)((long)y * back.Height / h) * back.Width + (int)((long)x * back.Width / w)];
        return o;
    }

    /// <summary>A stable seed for one page (string.GetHashCode is randomised per process).</summary>
    public static int PageSeed(int seed, string folder, string page)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in folder + "/" + page) { hash ^= c; hash *= 16777619u; }
        return (int)(hash & 0x7fffffff);
    }

    [GeneratedRegex("卷[〇一二三四五六七八九十百]+")]
    private static partial Regex Juan();
}
