namespace QyHeritage.Archive.Exhibitions;

/// <summary>One saved version in an exhibition's history: who, when, why, and whether it was published then.</summary>
public sealed record ExhibitionVersion(int Version, DateTimeOffset Created, string UserName, string Message, bool Published);

/// <summary>An item shown at an older version than the catalog now holds (a re-ingest since publishing).</summary>
public sealed record NewerItemVersion(string ExhibitId, string Item, int Pinned, int Current);

/// <summary>An autosaved working copy: the exhibition as typed, the version it started from, who and when.</summary>
public sealed record ExhibitionDraft(Exhibition Exhibition, int BasedOn, string SavedBy, DateTimeOffset SavedAt);

/// <summary>An exhibition that cannot be saved or published as it is; the problems say why, in both languages.</summary>
public sealed class ExhibitionRejectedException(IReadOnlyList<ExhibitionProblem> problems)
    : Exception("The exhibition was refused: " + string.Join("; ", problems))
{
    public IReadOnlyList<ExhibitionProblem> Problems { get; } = problems;
}
