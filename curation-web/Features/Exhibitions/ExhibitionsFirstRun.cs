using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Web.Features.Exhibitions;

/// <summary>
/// The first-start hook: once the sample collection is in, the exhibitions shipped beside it
/// (<c>assets/exhibitions/</c>) are saved and published, so <c>./qy run</c> shows them.
/// </summary>
public static class ExhibitionsFirstRun
{
    public static async Task PublishShippedAsync(ExhibitionStore store, ArchiveServices archive, string sampleFolder, ILogger log, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(sampleFolder))!, "exhibitions");
        if (!Directory.Exists(folder)) return;
        await Task.Yield(); // never hold up the host's start
        try
        {
            var result = await ShippedExhibitions.InstallAsync(store, archive.Catalog, folder, ct);
            foreach (var id in result.Published) log.LogInformation("First start: published the exhibition {Exhibition}", id);
            foreach (var p in result.Problems) log.LogWarning("A shipped exhibition was not published: {Problem}", p);
        }
        catch (Exception e) when (e is IOException or ExhibitionRejectedException or FormatException)
        {
            log.LogWarning(e, "The shipped exhibitions in {Folder} were not published", folder);
        }
    }
}
