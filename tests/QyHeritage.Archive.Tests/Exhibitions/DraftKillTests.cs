using System.Runtime.CompilerServices;
using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Archive.Tests.Exhibitions;

/// <summary>
/// A real second process autosaves a large draft again and again and is SIGKILLed at arbitrary points: the
/// draft that remains always reads back whole, and is the last one the process reported or the one it was writing.
/// </summary>
public sealed class DraftKillTests
{
    private readonly string _folder = TestPaths.NewTempFolder("draft-kill");

    [Fact]
    public async Task A_killed_autosave_leaves_the_last_draft_whole_and_loses_at_most_the_one_in_flight()
    {
        foreach (var delayMs in new[] { 120, 350, 40, 700 })
        {
            var lastReported = await KilledChild.RunAndKillAsync(DraftKillChild.EnvVar, _folder, delayMs);
            var store = new ExhibitionStore(new ArchiveServices(new ArchiveOptions { DataFolder = _folder }));
            var draft = await store.GetDraftAsync(DraftKillChild.Slug);
            Assert.NotNull(draft);
            var n = DraftKillChild.RevisionOf(draft.Exhibition);
            Assert.InRange(n, lastReported, lastReported + 1);
            Assert.Equal(DraftKillChild.Draft(n), draft.Exhibition, new ExhibitionJsonComparer());
            Assert.Empty(ExhibitionRules.Check(draft.Exhibition));
        }
    }

    private sealed class ExhibitionJsonComparer : IEqualityComparer<Exhibition>
    {
        public bool Equals(Exhibition? x, Exhibition? y) => ExhibitionJson.ToJson(x!) == ExhibitionJson.ToJson(y!);

        public int GetHashCode(Exhibition e) => ExhibitionJson.ToJson(e).GetHashCode(StringComparison.Ordinal);
    }
}

/// <summary>The child side: started as a program with <see cref="EnvVar"/> set, it autosaves revision after revision until killed.</summary>
internal static class DraftKillChild
{
    public const string EnvVar = "QY_DRAFT_KILL_CHILD";
    public const string Slug = "killed-draft";

    /// <summary>Revision <paramref name="n"/>: a draft of 300 exhibits (a few hundred KB) whose every label carries n.</summary>
    public static Exhibition Draft(int n)
    {
        var exhibits = Enumerable.Range(0, 300).Select(i => new Exhibit($"x{i}", "QY-RB-008", 1 + i % 3, new PixelRegion(i, i, 100, 100),
            new Bilingual($"修订 {n} 展品 {i}", $"revision {n} exhibit {i}"), new Bilingual(new string('溱', 400), new string('z', 400)))).ToList();
        return new Exhibition(Slug, new Bilingual($"修订 {n}", $"revision {n}"), null, null, ExhibitionHalls.BeijiangGallery, null,
            [new ExhibitionSection("all", new Bilingual("全部", "All"), null, exhibits)]);
    }

    public static int RevisionOf(Exhibition e) => int.Parse(e.Title.En["revision ".Length..], System.Globalization.CultureInfo.InvariantCulture);

#pragma warning disable CA2255 // A test-only hook; it does nothing unless the variable is set.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunIfChild()
    {
        var folder = Environment.GetEnvironmentVariable(EnvVar);
        if (string.IsNullOrEmpty(folder)) return;
        var store = new ExhibitionStore(new ArchiveServices(new ArchiveOptions { DataFolder = folder }));
        var start = store.GetDraftAsync(Slug).GetAwaiter().GetResult() is { } d ? RevisionOf(d.Exhibition) + 1 : 1;
        for (var n = start; n < start + 10_000; n++)
        {
            store.SaveDraftAsync(Draft(n), 0, "curator-li").GetAwaiter().GetResult();
            Console.Out.WriteLine($"committed {n}");
            Console.Out.Flush();
        }
        Environment.Exit(0);
    }
}
