using Microsoft.Extensions.Logging;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Archive.Catalog;

/// <summary>What a rebuild found.</summary>
public sealed record RebuildResult(int Objects, int Items, IReadOnlyList<string> Problems, int Exhibitions = 0);

/// <summary>
/// <c>qy rebuild</c>: the catalog is derived data, so it can always be recreated from the OCFL
/// objects' head <c>metadata.json</c> alone (and the exhibitions' rows from theirs). The new content replaces the old in one transaction,
/// so readers see either the old catalog or the new one.
/// </summary>
public sealed class CatalogRebuilder(ArchiveServices archive)
{
    private readonly ILogger _log = archive.Loggers.CreateLogger<CatalogRebuilder>();

    public async Task<RebuildResult> RebuildAsync(IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        var ids = new List<string>();
        var exhibitions = new List<string>();
        await foreach (var id in archive.Ocfl.ListObjectIdsAsync(ct)) (ExhibitionObjectId.IsExhibition(id) ? exhibitions : ids).Add(id);
        var entries = new List<CatalogEntry>();
        var problems = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            try
            {
                var head = await archive.Ocfl.GetHeadAsync(id, ct);
                if (head is null) { problems.Add($"{id}: the object has no readable inventory"); continue; }
                var item = ItemMetadata.Parse(await archive.Ocfl.ReadFileAsync(id, ItemMetadata.LogicalPath, null, ct));
                if (item.Id != id) { problems.Add($"{id}: metadata.json names the id {item.Id}"); continue; }
                entries.Add(new CatalogEntry(item, head.Version));
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                _log.LogWarning("Object {Id} skipped in rebuild: {Reason}", id, e.Message);
                problems.Add($"{id}: {e.Message}");
            }
            progress?.Report((i + 1, ids.Count));
        }
        archive.Catalog.ReplaceAll(entries);
        var exhibitionProblems = await new ExhibitionStore(archive).RebuildIndexAsync(exhibitions, ct);
        problems.AddRange(exhibitionProblems);
        return new RebuildResult(ids.Count + exhibitions.Count, entries.Count, problems, exhibitions.Count - exhibitionProblems.Count);
    }
}
