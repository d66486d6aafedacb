namespace QyHeritage.Archive.Ingest;

/// <summary>Where an ingest stands, reported after every page and item.</summary>
public sealed record IngestProgress(int ItemsDone, int ItemsTotal, int PagesDone, int PagesTotal, string? CurrentItem);

/// <summary>What an ingest did. Problems name the item and page; the other items went in regardless.</summary>
public sealed record IngestReport(int ItemsAdded, int ItemsUpdated, int ItemsUnchanged, IReadOnlyList<string> Problems)
{
    public int ItemsFailed => Problems.Count;
}
