using Microsoft.Extensions.Logging.Abstractions;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// The glyph templates kept on disk: a process reads its first page without drawing 56,000 characters first, and what it
/// reads back is exactly what it would have drawn; a file of other fonts, cut short or not ours is never used.
/// Needs the fonts ./qy installs.
/// </summary>
public sealed class GlyphTemplateCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qy-glyph-cache-").FullName;
    private static readonly GlyphStyle Style = GlyphStyle.Defaults[0];
    private static List<TemplateFont> Fonts => [.. Style.Fonts.Where(f => File.Exists(f.Path))];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static GlyphTemplates DrawSome() => GlyphTemplates.Build(Style.Name, Fonts, "爲為會㑹之官清遠峽山寺".EnumerateRunes().Select(r => r.Value));

    [Fact]
    public void Templates_read_back_are_the_ones_drawn_and_name_the_same_characters()
    {
        Assert.NotEmpty(Fonts);
        var drawn = DrawSome();
        var key = GlyphTemplateCache.Key(Style.Name, Fonts);
        var file = GlyphTemplateCache.FileFor(_folder, Style.Name, key);
        GlyphTemplateCache.Save(file, key, drawn, NullLogger.Instance);

        var read = GlyphTemplateCache.Load(file, Style.Name, key, NullLogger.Instance);
        Assert.NotNull(read);
        Assert.Equal(drawn.Stored.Texts, read.Stored.Texts);
        Assert.Equal(drawn.Stored.Fonts, read.Stored.Fonts);
        Assert.Equal(drawn.Stored.Fine, read.Stored.Fine);
        Assert.Equal(drawn.Stored.Coarse, read.Stored.Coarse);
        Assert.True(read.Knows("㑹"));
        Assert.Equal(drawn.FontOf("㑹"), read.FontOf("㑹"));
        // Each character's own shape finds it first among the ones read back, as among the ones drawn.
        var (texts, _, fine, coarse) = drawn.Stored;
        int f = GlyphShape.Size * GlyphShape.Size, c = GlyphShape.CoarseSize * GlyphShape.CoarseSize;
        for (var i = 0; i < texts.Length; i++)
        {
            var shape = (fine.AsSpan(i * f, f).ToArray().Select(v => (float)v).ToArray(), coarse.AsSpan(i * c, c).ToArray());
            Assert.Equal(drawn.Nearest(shape, 3), read.Nearest(shape, 3));
            Assert.Equal(texts[i], read.Nearest(shape, 1)[0].Text);
        }
    }

    [Fact]
    public void A_file_of_other_fonts_cut_short_or_not_templates_is_not_used()
    {
        var drawn = DrawSome();
        var key = GlyphTemplateCache.Key(Style.Name, Fonts);
        var file = GlyphTemplateCache.FileFor(_folder, Style.Name, key);
        GlyphTemplateCache.Save(file, key, drawn, NullLogger.Instance);

        // A font file that changed since (another length or date) is another key, and another file name.
        var otherKey = key + "; /usr/share/fonts/other.ttf#0 1 1";
        Assert.NotEqual(file, GlyphTemplateCache.FileFor(_folder, Style.Name, otherKey));
        Assert.Null(GlyphTemplateCache.Load(file, Style.Name, otherKey, NullLogger.Instance));

        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^100]);
        Assert.Null(GlyphTemplateCache.Load(file, Style.Name, key, NullLogger.Instance));
        File.WriteAllText(file, "not a template file");
        Assert.Null(GlyphTemplateCache.Load(file, Style.Name, key, NullLogger.Instance));
        Assert.Null(GlyphTemplateCache.Load(Path.Combine(_folder, "missing.bin"), Style.Name, key, NullLogger.Instance));
        // No temporary file is left behind by a write.
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void The_next_process_takes_every_style_from_the_cache_and_a_spoilt_file_is_drawn_again()
    {
        var first = GlyphTemplates.BuildInstalled(NullLogger.Instance, _folder);
        var files = Directory.GetFiles(_folder).Order().ToArray();
        Assert.Equal(first.Count, files.Length);
        var written = files.Select(File.GetLastWriteTimeUtc).ToArray();

        var next = GlyphTemplates.BuildInstalled(NullLogger.Instance, _folder);
        // Read, not drawn and written again.
        Assert.Equal(written, files.Select(File.GetLastWriteTimeUtc));
        Assert.Equal(first.Select(t => (t.Style, t.Count)), next.Select(t => (t.Style, t.Count)));
        for (var i = 0; i < first.Count; i++) Assert.Equal(first[i].Stored.Fine, next[i].Stored.Fine);

        // A file cut short (a disk that filled up under another writer) is drawn again and replaced whole.
        File.WriteAllBytes(files[0], File.ReadAllBytes(files[0])[..1000]);
        var mended = GlyphTemplates.BuildInstalled(NullLogger.Instance, _folder);
        Assert.Equal(first.Select(t => t.Stored.Texts), mended.Select(t => t.Stored.Texts));
        foreach (var style in GlyphStyle.Defaults.Where(s => first.Any(t => t.Style == s.Name)))
        {
            var key = GlyphTemplateCache.Key(style.Name, [.. style.Fonts.Where(f => File.Exists(f.Path))]);
            Assert.NotNull(GlyphTemplateCache.Load(GlyphTemplateCache.FileFor(_folder, style.Name, key), style.Name, key, NullLogger.Instance));
        }
    }
}
