using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive;
using QyHeritage.Archive.Domain;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// Reads an item's <c>metadata.json</c> from its OCFL object (the store only, never the catalog,
/// so IIIF nodes need nothing but the store). Parsed items are kept for ten seconds: a new ingest
/// shows up within seconds, and a burst of info.json requests for one book reads its metadata once.
/// </summary>
public sealed class ItemDocuments(ArchiveServices archive, ILogger<ItemDocuments> log)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (DateTime ReadAt, Item? Item, DateTimeOffset? Modified)> _recent = new(StringComparer.Ordinal);

    /// <summary>The item, or null when there is no such object (or its metadata cannot be read).</summary>
    public async Task<Item?> FindAsync(string itemId, CancellationToken ct)
    {
        if (!Item.IsValidId(itemId)) return null;
        if (_recent.TryGetValue(itemId, out var hit) && DateTime.UtcNow - hit.ReadAt < Freshness) return hit.Item;
        Item? item = null;
        DateTimeOffset? modified = null;
        try
        {
            modified = (await archive.Ocfl.GetHeadAsync(itemId, ct))?.Info.Created;
            await using var s = await archive.Ocfl.OpenFileAsync(itemId, ItemMetadata.LogicalPath, ct: ct);
            using var ms = new MemoryStream();
            await s.CopyToAsync(ms, ct);
            item = ItemMetadata.Parse(ms.ToArray());
        }
        catch (FileNotFoundException)
        {
        }
        catch (FormatException e)
        {
            IiifLog.BadMetadata(log, itemId, e.Message);
        }
        if (_recent.Count > 10_000) _recent.Clear();
        _recent[itemId] = (DateTime.UtcNow, item, modified);
        return item;
    }

    /// <summary>When the item's head version was made (its Last-Modified), or null when unknown.</summary>
    public async Task<DateTimeOffset?> VersionTimeAsync(string itemId, CancellationToken ct)
    {
        await FindAsync(itemId, ct);
        return _recent.TryGetValue(itemId, out var hit) ? hit.Modified : null;
    }

    /// <summary>Opens a file of the item's head version, e.g. ocr/p001.hocr; null when absent.</summary>
    public async Task<Stream?> OpenFileAsync(string itemId, string logicalPath, CancellationToken ct)
    {
        try
        {
            return await archive.Ocfl.OpenFileAsync(itemId, logicalPath, ct: ct);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
