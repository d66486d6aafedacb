using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Immersive.Tests;

/// <summary>
/// Exhibitions of any size made from the two shipped ones: <c>count</c> exhibits in sections of up to six, cycling
/// through their exhibits (same pictures, new ids and labels). For the compiler tests (HallFixture) and the benchmark
/// driver bench/halls/CompileBench (linked there).
/// </summary>
public static class SyntheticExhibitions
{
    public static Exhibition Make(Exhibition beijiang, Exhibition tea, int count, string hall = "beijiang-gallery", Func<Exhibit, int, Exhibit>? edit = null)
    {
        var pool = beijiang.Exhibits.Concat(tea.Exhibits).ToList();
        var sections = new List<ExhibitionSection>();
        for (var i = 0; i < count; i += 6)
        {
            var exhibits = Enumerable.Range(i, Math.Min(6, count - i)).Select(n =>
            {
                var x = pool[n % pool.Count] with { Id = $"x{n + 1}", Label = new Bilingual($"展品 {n + 1}", $"Exhibit {n + 1}") };
                return edit?.Invoke(x, n) ?? x;
            }).ToList();
            sections.Add(new ExhibitionSection($"s{sections.Count + 1}", new Bilingual($"第 {sections.Count + 1} 部分", $"Part {sections.Count + 1}"), null, exhibits));
        }
        return beijiang with { Id = $"synthetic-{count}", Hall = hall, Cover = null, Sections = sections };
    }
}
