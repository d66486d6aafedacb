using Microsoft.Extensions.Logging;
using QyHeritage.Archive.Imaging;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Fixity;

/// <summary>How a repair of a damaged pyramid ended.</summary>
public enum PyramidRepairOutcome
{
    /// <summary>Rebuilt from the verified master and stored with its digest.</summary>
    Rebuilt,

    /// <summary>The stored pyramid matched its record when checked again (rewritten meanwhile): nothing to do.</summary>
    AlreadyIntact,

    /// <summary>The master does not match its inventory digest either: only a replica or backup can help.</summary>
    MasterDamaged,

    /// <summary>The item's head version has no master for the page.</summary>
    NoMaster,
}

/// <summary>
/// Rebuilds a page's pyramid from its master, read verified from OCFL, with the same builder and the
/// same write as ingest. Needs nothing but the blob store, so an IIIF node can repair what it finds.
/// </summary>
public sealed class PyramidRepair(ArchiveServices archive)
{
    private readonly PyramidBuilder _builder = new(new ImagingOptions { MaxPixels = archive.Options.MaxPixels }, archive.Loggers.CreateLogger<PyramidBuilder>());

    public async Task<PyramidRepairOutcome> RebuildAsync(string itemId, string pageName, CancellationToken ct = default)
    {
        // Another node (or an ingest) may have rewritten the pyramid since the damage was seen.
        try
        {
            if (await StoredPyramids.FindDamageAsync(archive.Store, itemId, pageName, ct) == "") return PyramidRepairOutcome.AlreadyIntact;
        }
        catch (BlobCorruptedException) { } // still damaged, as seen by the store's own check

        var head = await archive.Ocfl.GetHeadAsync(itemId, ct);
        var master = head?.Files.Keys.FirstOrDefault(k => k.StartsWith($"master/{pageName}.", StringComparison.Ordinal));
        if (master is null) return PyramidRepairOutcome.NoMaster;

        var folder = Path.Combine(archive.Options.WorkFolder, "repair");
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, $"{itemId}-{pageName}-{Guid.NewGuid():N}");
        var masterCopy = stem + Path.GetExtension(master);
        var pyramid = stem + ".tif";
        try
        {
            try
            {
                await using var fs = File.Create(masterCopy);
                await using var s = await archive.Ocfl.OpenVerifiedFileAsync(itemId, master, ct);
                await s.CopyToAsync(fs, ct);
            }
            catch (ContentCorruptedException)
            {
                return PyramidRepairOutcome.MasterDamaged;
            }
            catch (BlobCorruptedException)
            {
                return PyramidRepairOutcome.MasterDamaged;
            }
            _builder.Build(masterCopy, pyramid, ct);
            await StoredPyramids.WriteAsync(archive.Store, itemId, pageName, pyramid, await StoredPyramids.Sha512HexAsync(masterCopy, ct), ct);
            return PyramidRepairOutcome.Rebuilt;
        }
        finally
        {
            File.Delete(masterCopy);
            File.Delete(pyramid);
        }
    }
}
