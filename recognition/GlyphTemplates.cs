using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SkiaSharp;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>One installed font the templates are drawn from: its file and face in a collection.</summary>
internal sealed record TemplateFont(string Path, int Face);

/// <summary>A family of type: the fonts that draw its templates, in the order a character is looked for.</summary>
internal sealed record GlyphStyle(string Name, IReadOnlyList<TemplateFont> Fonts)
{
    private static readonly TemplateFont Kai = new("/usr/share/fonts/truetype/arphic/ukai.ttc", 2); // AR PL UKai TW
    private static readonly TemplateFont Ming = new("/usr/share/fonts/truetype/arphic/uming.ttc", 2); // AR PL UMing TW
    private static readonly TemplateFont NotoSerif = new("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 3); // Noto Serif CJK TC
    private static readonly TemplateFont HanaMin = new("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", 0);

    /// <summary>Debian's fonts-arphic-ukai, fonts-arphic-uming, fonts-noto-cjk and fonts-hanazono: regular script (楷書, as
    /// hand-copied books) and Ming type (宋體, as modern print), each falling back to the others for what it lacks.</summary>
    public static IReadOnlyList<GlyphStyle> Defaults { get; } =
    [
        new("kai", [Kai, Ming, NotoSerif, HanaMin]),
        new("ming", [NotoSerif, Ming, HanaMin]),
    ];
}

/// <summary>
/// Glyph templates of every CJK ideograph (URO, Extension A, compatibility block) that the fonts of one
/// <see cref="GlyphStyle"/> draw, each drawn by the first of its fonts that has it, reduced to a <see cref="GlyphShape"/>.
/// A character cell is matched against all of them: the nearest shapes are a third opinion on the cell, and the only
/// one that can name a character neither recognition model can write (洭 湞 㑹 増). It recognises printed type of these
/// faces; on the sample pages, which were rendered from the same fonts, it is far better than it would be on scans.
/// Building costs several seconds a style, once per <see cref="RecognitionModels"/> (<see cref="BuildInstalled(ILogger)"/>),
/// unless <see cref="GlyphTemplateCache"/> holds them from an earlier process.
/// </summary>
internal sealed class GlyphTemplates
{
    private static readonly (int First, int Last)[] Ranges = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];
    private const int RenderPixels = 64;
    private const int CoarseCandidates = 64;

    private readonly string[] _texts;
    // Which of the style's fonts drew each template: forms drawn by different fonts differ by the face as well.
    private readonly byte[] _fonts;
    // Half precision: two styles of 28,000 fine shapes stay near 60 MB; only a few dozen are read per cell.
    private readonly Half[] _fine;
    private readonly float[] _coarse;
    private readonly Dictionary<string, int> _index;

    private GlyphTemplates(string style, string[] texts, byte[] fonts, Half[] fine, float[] coarse)
    {
        Style = style;
        _texts = texts;
        _fonts = fonts;
        _fine = fine;
        _coarse = coarse;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _texts.Length; i++) _index.TryAdd(_texts[i], i);
    }

    /// <summary>Templates read back from <see cref="GlyphTemplateCache"/>: the arrays <see cref="Stored"/> gave.</summary>
    internal static GlyphTemplates FromStored(string style, string[] texts, byte[] fonts, Half[] fine, float[] coarse) => new(style, texts, fonts, fine, coarse);

    /// <summary>What <see cref="GlyphTemplateCache"/> writes: the characters in order, the font that drew each, their fine and coarse shapes.</summary>
    internal (string[] Texts, byte[] Fonts, Half[] Fine, float[] Coarse) Stored => (_texts, _fonts, _fine, _coarse);

    /// <summary>What a template's drawing depends on besides its fonts: part of <see cref="GlyphTemplateCache.Key"/>.</summary>
    internal static string DrawingKey =>
        $"drawn at {RenderPixels} px; shapes {GlyphShape.Size}/{GlyphShape.CoarseSize}; ranges {string.Join(",", Ranges.Select(r => $"{r.First:X}-{r.Last:X}"))}";

    public string Style { get; }

    public int Count => _texts.Length;

    public bool Knows(string text) => _index.ContainsKey(text);

    /// <summary>Which of the style's fonts drew a character's template (-1: none).</summary>
    public int FontOf(string text) => _index.TryGetValue(text, out var i) ? _fonts[i] : -1;

    /// <summary>
    /// Builds the templates of every style with an installed font, or reads them from <see cref="GlyphTemplateCache"/>'s
    /// default folder; empty (logged) when no font is installed. Not held here: <see cref="RecognitionModels"/> keeps
    /// them for as long as its owner recognises.
    /// </summary>
    public static IReadOnlyList<GlyphTemplates> BuildInstalled(ILogger logger) => BuildInstalled(logger, GlyphTemplateCache.DefaultFolder());

    /// <summary>As <see cref="BuildInstalled(ILogger)"/>, keeping each style's templates in <paramref name="cacheFolder"/> (null: none).</summary>
    internal static IReadOnlyList<GlyphTemplates> BuildInstalled(ILogger logger, string? cacheFolder)
    {
        var result = new List<GlyphTemplates>();
        var clock = Stopwatch.StartNew();
        var loaded = 0;
        try
        {
            foreach (var style in GlyphStyle.Defaults)
            {
                var fonts = style.Fonts.Where(f => File.Exists(f.Path)).ToList();
                if (fonts.Count == 0) continue;
                if (cacheFolder is null) { result.Add(Build(style.Name, fonts)); continue; }
                var key = GlyphTemplateCache.Key(style.Name, fonts);
                var file = GlyphTemplateCache.FileFor(cacheFolder, style.Name, key);
                if (GlyphTemplateCache.Load(file, style.Name, key, logger) is { } stored) { result.Add(stored); loaded++; continue; }
                var built = Build(style.Name, fonts);
                GlyphTemplateCache.Save(file, key, built, logger);
                result.Add(built);
            }
        }
        catch (Exception e) when (e is OcrException or IOException or DllNotFoundException or TypeInitializationException)
        {
            logger.LogWarning(e, "Glyph templates could not be built: reading without them");
            return [];
        }
        finally
        {
            // Skia's glyph cache keeps the typefaces, and so the mapped font files (about 25 MB resident), after they
            // are disposed; nothing draws with them again.
            SKGraphics.PurgeFontCache();
        }
        if (result.Count == 0)
            logger.LogWarning("No CJK fonts for glyph templates (such as {Path}): reading without them. Install fonts-arphic-ukai fonts-arphic-uming fonts-noto-cjk fonts-hanazono (./qy does)", GlyphStyle.Defaults[0].Fonts[0].Path);
        else
            logger.LogDebug("Glyph templates: {Count} characters in {Styles} styles ({Loaded} from the cache) in {Seconds:0.0} s", result.Sum(r => r.Count), result.Count, loaded, clock.Elapsed.TotalSeconds);
        return result;
    }

    /// <summary>Templates of every character in <see cref="Ranges"/> (or only <paramref name="only"/>) drawn by the first font that has it.</summary>
    internal static GlyphTemplates Build(string style, IReadOnlyList<TemplateFont> fonts, IEnumerable<int>? only = null)
    {
        var typefaces = fonts.Select(f => SKTypeface.FromFile(f.Path, f.Face) ?? throw new OcrException($"Cannot load font {f.Path} (face {f.Face})")).ToList();
        try
        {
            var skFonts = typefaces.Select(t => new SKFont(t, RenderPixels)).ToList();
            var wanted = only?.ToList() ?? Ranges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1)).ToList();
            List<string> texts = [];
            List<byte> drawnBy = [];
            List<float[]> fine = [], coarse = [];
            // The em square with room around it: some brush-style glyphs reach beyond their advance.
            var side = RenderPixels * 2;
            using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Alpha8, SKAlphaType.Premul));
            using var canvas = new SKCanvas(bitmap);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            var ink = new float[side * side];
            foreach (var cp in wanted)
            {
                // The first font that has the character draws it, as a renderer's fallback list does.
                var font = skFonts.FindIndex(f => f.GetGlyph(cp) != 0);
                if (font < 0) continue;
                var text = char.ConvertFromUtf32(cp);
                canvas.Clear(SKColors.Transparent);
                canvas.DrawText(text, RenderPixels / 2f, RenderPixels * 1.4f, SKTextAlign.Left, skFonts[font], paint);
                var alpha = bitmap.GetPixelSpan();
                for (var i = 0; i < ink.Length; i++) ink[i] = alpha[i] / 255f;
                if (GlyphShape.Of(ink, side, side) is not { } shape) continue;
                texts.Add(text);
                drawnBy.Add((byte)font);
                fine.Add(shape.Fine);
                coarse.Add(shape.Coarse);
            }
            foreach (var f in skFonts) f.Dispose();
            return new GlyphTemplates(style, [.. texts], [.. drawnBy], [.. fine.SelectMany(f => f).Select(v => (Half)v)], [.. coarse.SelectMany(c => c)]);
        }
        finally
        {
            foreach (var t in typefaces) t.Dispose();
        }
    }

    /// <summary>How well a shape matches the template of one character; NaN when there is none.</summary>
    public float Score(float[] fine, string text) => _index.TryGetValue(text, out var i) ? FineScore(fine, i) : float.NaN;

    private float FineScore(float[] fine, int index)
    {
        var template = _fine.AsSpan(index * fine.Length, fine.Length);
        var sum = 0f;
        for (var k = 0; k < fine.Length; k++) sum += fine[k] * (float)template[k];
        return sum;
    }

    /// <summary>The best-matching characters, best first: the coarse shape picks candidates, the fine one ranks them.</summary>
    /// <param name="except">Characters that are not candidates (null: none).</param>
    public List<(string Text, float Score)> Nearest((float[] Fine, float[] Coarse) shape, int count, IReadOnlySet<string>? except = null)
    {
        var n = shape.Coarse.Length;
        var top = new PriorityQueue<int, float>();
        for (var i = 0; i < _texts.Length; i++)
        {
            if (except is not null && except.Contains(_texts[i])) continue;
            var s = GlyphShape.Similarity(shape.Coarse, _coarse.AsSpan(i * n, n));
            if (top.Count < CoarseCandidates) top.Enqueue(i, s);
            else if (s > GetMin(top)) top.EnqueueDequeue(i, s);
        }
        var result = new List<(string, float)>(top.Count);
        while (top.TryDequeue(out var i, out _)) result.Add((_texts[i], FineScore(shape.Fine, i)));
        return [.. result.OrderByDescending(r => r.Item2).Take(count)];
    }

    /// <summary>Every template's fine score against a shape, for the cell bench's ranks (bench/ocr/OcrBench <c>--cells</c>).</summary>
    internal IEnumerable<(string Text, float Score)> ScoreAll(float[] fine)
    {
        for (var i = 0; i < _texts.Length; i++) yield return (_texts[i], FineScore(fine, i));
    }

    private static float GetMin(PriorityQueue<int, float> q) => q.TryPeek(out _, out var p) ? p : float.MinValue;

    /// <summary>The shape of the ink inside a box of the page (removed rules and paper count as nothing).</summary>
    public static (float[] Fine, float[] Coarse)? ShapeOf(InkImage page, Box box)
    {
        var ink = new float[box.W * box.H];
        for (var y = 0; y < box.H; y++)
        {
            var row = (box.Y + y) * page.Width + box.X;
            for (var x = 0; x < box.W; x++)
                if (page.Ink[row + x] != 0) ink[y * box.W + x] = (255 - page.Grey[row + x]) / 255f;
        }
        return GlyphShape.Of(ink, box.W, box.H);
    }
}
