using QyHeritage.Archive.Domain;

namespace QyHeritage.Archive.Ingest;

/// <summary>One page of an item to ingest: its image and/or its transcription, as files on disk.</summary>
public sealed record SourcePage(int Order, string Label, string? ImagePath, string? TranscriptionPath)
{
    public string Name => Page.PageName(Order);
}

/// <summary>An item read from an ingest folder: catalogue fields (pages without dimensions yet) and its files.</summary>
public sealed record SourceItem(Item Item, int CsvLine, string Folder, IReadOnlyList<SourcePage> Pages);

/// <summary>A row that could not be read; the rest of the folder is still ingested.</summary>
public sealed record SourceProblem(int CsvLine, string? ItemId, string Message)
{
    public override string ToString() => $"items.csv line {CsvLine}{(ItemId is null ? "" : $" ({ItemId})")}: {Message}";
}
