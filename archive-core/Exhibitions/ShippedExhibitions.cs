namespace QyHeritage.Archive.Exhibitions;

/// <summary>What installing the shipped exhibitions did.</summary>
public sealed record ShippedInstall(IReadOnlyList<string> Published, IReadOnlyList<string> Problems);

/// <summary>
/// The exhibitions shipped in <c>assets/exhibitions/*.json</c>, saved and published once their items are
/// catalogued. An exhibition whose object exists is the curators' from then on and is never overwritten;
/// one whose items are not all there yet is left for a later start.
/// </summary>
public static class ShippedExhibitions
{
    public const string User = "QyHeritage";

    public static async Task<ShippedInstall> InstallAsync(ExhibitionStore store, Catalog.CatalogDb catalog, string folder, CancellationToken ct = default)
    {
        var published = new List<string>();
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            Exhibition e;
            try { e = ExhibitionJson.ParseValid(await File.ReadAllBytesAsync(file, ct), Path.GetFileName(file)); }
            catch (FormatException x) { problems.Add(x.Message); continue; }
            if (await store.GetAsync(e.Id, null, ct) is not null) continue;
            var missing = ExhibitionRules.CheckAgainstCatalog(e, catalog.FindItem);
            if (missing.Count > 0)
            {
                problems.Add($"{e.Id}: {string.Join("; ", missing)}");
                continue;
            }
            await store.SaveVersionAsync(e, User, $"shipped exhibition {Path.GetFileName(file)}", ct);
            await store.PublishAsync(e.Id, User, ct);
            published.Add(e.Id);
        }
        return new ShippedInstall(published, problems);
    }
}
