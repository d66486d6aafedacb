namespace QyHeritage.Archive.Dates;

/// <summary>A dynasty or regime that owns eras (dynasties.tsv).</summary>
/// <param name="Name">Name in traditional characters (北宋).</param>
/// <param name="Simplified">Name in simplified characters.</param>
/// <param name="Label">Prefix put before an era name in <see cref="ChineseDate.Era"/> (清 → 清光緒; empty for 民國).</param>
/// <param name="Aliases">Other written forms of the prefix (宋, 大清 …); several dynasties may share one.</param>
/// <param name="Main">True for the dynasties standard chronologies count in sequence (正統); false for contemporary regimes (遼, 金, 南明 …).</param>
/// <param name="Gregorian">True when its years, months and days are Gregorian (the Republic), false for the lunisolar calendar.</param>
/// <param name="FirstYear">First year of the span a bare dynasty name stands for.</param>
/// <param name="LastYear">Last year of that span.</param>
public sealed record Dynasty(string Name, string Simplified, string Label, IReadOnlyList<string> Aliases, bool Main, bool Gregorian, int FirstYear, int LastYear);
