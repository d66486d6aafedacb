using System.Collections.Concurrent;
using System.Text.Json;
using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Exhibitions;

/// <summary>
/// Exhibitions kept like holdings: each saved version is an OCFL version of the object
/// <c>exhibitions.{slug}</c> in the items' storage root (same writer, inventory, digests and create-only
/// version claim, so <c>qy audit</c> checks them and <c>qy rebuild</c> finds them). The object holds
/// <c>exhibition.json</c>, the curator's last saved state, and, while published, <c>published.json</c>:
/// the published copy with each exhibit's item version pinned and its catalogue facts carried over.
/// Autosaved drafts are single blobs under <c>exhibition-drafts/</c>, outside OCFL.
/// </summary>
public sealed class ExhibitionStore(ArchiveServices archive)
{
    public const string WorkingPath = "exhibition.json";
    public const string PublishedPath = "published.json";
    public const string DraftsRoot = "exhibition-drafts";

    /// <summary>Present in a version when the exhibition was deleted (hidden): who and when; the object and its history stay.</summary>
    public const string WithdrawnPath = "withdrawn.json";

    // Saves read the head (its published copy) then commit: one at a time per exhibition in this process.
    // Across processes the OCFL version claim refuses the second writer of a version.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    // Made on first use: a IIIF-only node reads published copies from the store and has no catalog.
    private ExhibitionIndex? _index;

    public ExhibitionIndex Index => _index ??= new ExhibitionIndex(archive.Catalog);

    /// <summary>Saves <paramref name="exhibition"/> as a new version (none when nothing changed); the published copy stays as it is.</summary>
    /// <exception cref="ExhibitionRejectedException">It is not well formed.</exception>
    public async Task<int> SaveVersionAsync(Exhibition exhibition, string user, string message, CancellationToken ct = default)
    {
        var working = exhibition.Unpublished();
        var problems = ExhibitionRules.Check(working);
        if (problems.Count > 0) throw new ExhibitionRejectedException(problems);
        return await UnderGateAsync(working.Id, async () =>
        {
            var published = await ReadAsync(working.Id, PublishedPath, null, ct);
            var version = await CommitAsync(working.Id, ExhibitionJson.ToUtf8(working), published, user, message, ct);
            await DiscardDraftAsync(working.Id, ct);
            return version;
        });
    }

    /// <summary>The saved exhibition at <paramref name="version"/> (the head when null); null when there is none.</summary>
    public async Task<Exhibition?> GetAsync(string slug, int? version = null, CancellationToken ct = default) =>
        await ReadAsync(slug, WorkingPath, version, ct) is { } bytes ? ExhibitionJson.ParseValid(bytes, $"{ExhibitionObjectId.For(slug)} {WorkingPath}") : null;

    /// <summary>The published copy, with pinned item versions; null when the exhibition is not published.</summary>
    public async Task<Exhibition?> GetPublishedAsync(string slug, CancellationToken ct = default) =>
        ExhibitionSlug.IsValid(slug) && await ReadAsync(slug, PublishedPath, null, ct) is { } bytes
            ? ExhibitionJson.ParseValid(bytes, $"{ExhibitionObjectId.For(slug)} {PublishedPath}")
            : null;

    /// <summary>Every version, oldest first, with who made it and when.</summary>
    public async Task<IReadOnlyList<ExhibitionVersion>> HistoryAsync(string slug, CancellationToken ct = default)
    {
        var id = ExhibitionObjectId.For(slug);
        var head = await archive.Ocfl.GetHeadAsync(id, ct);
        if (head is null) return [];
        var list = new List<ExhibitionVersion>();
        for (var v = 1; v <= head.HeadVersion; v++)
        {
            var state = v == head.Version ? head : (await archive.Ocfl.GetVersionAsync(id, v, ct))!;
            list.Add(new ExhibitionVersion(v, state.Info.Created, state.Info.UserName, state.Info.Message, state.Files.ContainsKey(PublishedPath)));
        }
        return list;
    }

    /// <summary>Makes version <paramref name="version"/>'s saved state the newest version (history keeps everything).</summary>
    /// <exception cref="FileNotFoundException">No such exhibition or version.</exception>
    public async Task<int> RestoreAsync(string slug, int version, string user, CancellationToken ct = default) =>
        await UnderGateAsync(slug, async () =>
        {
            var old = await ReadAsync(slug, WorkingPath, version, ct) ?? throw new FileNotFoundException($"No exhibition '{slug}'.");
            var published = await ReadAsync(slug, PublishedPath, null, ct);
            return await CommitAsync(slug, old, published, user, $"restore v{version}", ct);
        });

    /// <summary>
    /// Publishes the last saved version: checks every exhibit against the catalog, pins each item's
    /// current version and carries its title, page size, attribution and rights into the published copy.
    /// </summary>
    /// <exception cref="ExhibitionRejectedException">An exhibit names no page with an image, or its region lies outside it.</exception>
    public async Task<Exhibition> PublishAsync(string slug, string user, CancellationToken ct = default) =>
        await UnderGateAsync(slug, async () =>
        {
            var working = await GetAsync(slug, null, ct) ?? throw new FileNotFoundException($"No exhibition '{slug}'.");
            var problems = ExhibitionRules.CheckAgainstCatalog(working, archive.Catalog.FindItem);
            if (problems.Count > 0) throw new ExhibitionRejectedException(problems);
            var published = Pin(working, archive.Catalog.FindItem) with { Published = new PublicationStamp(Now(), user) };
            await CommitAsync(slug, ExhibitionJson.ToUtf8(working), ExhibitionJson.ToUtf8(published), user, "publish", ct);
            Published?.Invoke(published);
            return published;
        });

    /// <summary>
    /// Raised after an exhibition is published through this store. The host keeps one store in DI, publishes through it
    /// (the workshop, the shipped exhibitions on first start), and compiles the hall then (issue 15). Handlers must not
    /// throw or block; they queue work.
    /// </summary>
    public event Action<Exhibition>? Published;

    /// <summary>Takes the exhibition off the public pages; its versions stay.</summary>
    public async Task UnpublishAsync(string slug, string user, CancellationToken ct = default) =>
        await UnderGateAsync(slug, async () =>
        {
            var working = await ReadAsync(slug, WorkingPath, null, ct) ?? throw new FileNotFoundException($"No exhibition '{slug}'.");
            return await CommitAsync(slug, working, null, user, "unpublish", ct);
        });

    /// <summary>
    /// Deletes an exhibition as the library deletes a record: a new version that is withdrawn (not published, marked
    /// by <see cref="WithdrawnPath"/>), its draft discarded and its catalog row removed. The OCFL object keeps every
    /// version; only <see cref="PurgeAsync"/> removes it.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such exhibition.</exception>
    public async Task HideAsync(string slug, string user, CancellationToken ct = default) =>
        await UnderGateAsync(slug, async () =>
        {
            var working = await ReadAsync(slug, WorkingPath, null, ct) ?? throw new FileNotFoundException($"No exhibition '{slug}'.");
            var id = ExhibitionObjectId.For(slug);
            var at = Now();
            var marker = JsonSerializer.SerializeToUtf8Bytes(new WithdrawnDocument(user, at), DraftJson);
            await archive.Ocfl.CommitAsync(id,
                [OcflContent.FromBytes(WorkingPath, working), OcflContent.FromBytes(WithdrawnPath, marker)],
                new OcflVersionInfo("delete", user, null, at), ct);
            await DiscardDraftAsync(slug, ct);
            Index.Remove(slug);
            return 0;
        });

    /// <summary>Whether the exhibition's head version is withdrawn (deleted and hidden).</summary>
    public async Task<bool> IsWithdrawnAsync(string slug, CancellationToken ct = default) =>
        ExhibitionSlug.IsValid(slug) && await archive.Ocfl.GetHeadAsync(ExhibitionObjectId.For(slug), ct) is { } head && head.Files.ContainsKey(WithdrawnPath);

    /// <summary>
    /// Removes a withdrawn exhibition's OCFL object and draft for good (an admin's act). Refuses one that is not
    /// withdrawn, so that a purge always follows a delete.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such exhibition.</exception>
    /// <exception cref="InvalidOperationException">It is not withdrawn.</exception>
    public async Task PurgeAsync(string slug, CancellationToken ct = default) =>
        await UnderGateAsync(slug, async () =>
        {
            var id = ExhibitionObjectId.For(slug);
            var head = await archive.Ocfl.GetHeadAsync(id, ct) ?? throw new FileNotFoundException($"No exhibition '{slug}'.");
            if (!head.Files.ContainsKey(WithdrawnPath)) throw new InvalidOperationException($"'{slug}' is not deleted; delete it before purging.");
            var root = archive.Ocfl.ObjectRoot(id) + "/";
            var keys = new List<BlobKey>();
            await foreach (var blob in archive.Store.ListAsync(root, ct)) keys.Add(blob.Key);
            // The root inventory first: a purge cut short leaves no object that looks whole.
            foreach (var key in keys.OrderBy(k => k.Value == root + "inventory.json" ? 0 : 1)) await archive.Store.DeleteAsync(key, ct);
            await DiscardDraftAsync(slug, ct);
            Index.Remove(slug);
            return 0;
        });

    /// <summary>
    /// What the published copy of <paramref name="working"/> would show (the workshop's preview): exhibits whose page
    /// the catalog has are given their source as publishing would; others are shown without one.
    /// </summary>
    public Exhibition Preview(Exhibition working) => working.Unpublished() with
    {
        Sections = working.Sections.Select(s => s with
        {
            Exhibits = s.Exhibits.Select(x =>
                archive.Catalog.FindItem(x.Item) is { } entry && entry.Item.Pages.FirstOrDefault(p => p.Order == x.Page) is { } page
                    ? x with { Source = SourceOf(entry, page) }
                    : x with { Source = null }).ToList(),
        }).ToList(),
    };

    /// <summary>Exhibits of a published copy whose item the catalog now holds at a newer version (publish again to take them).</summary>
    public IReadOnlyList<NewerItemVersion> NewerItemVersions(Exhibition published) =>
        published.Exhibits
            .Where(x => x.Source is not null)
            .Select(x => (x, current: archive.Catalog.FindItem(x.Item)?.OcflVersion ?? 0))
            .Where(t => t.current > t.x.Source!.ItemVersion)
            .Select(t => new NewerItemVersion(t.x.Id, t.x.Item, t.x.Source!.ItemVersion, t.current))
            .ToList();

    /// <summary>
    /// Takes the item's current version for one exhibit of the published copy (the curator's "take the newer version"):
    /// a new OCFL version whose published copy differs from the last only in that exhibit's <see cref="ExhibitSource"/>
    /// (and the publication stamp); the curator's saved state and every other exhibit stay as they were published.
    /// Returns the published copy, unchanged when the exhibit already shows the current version.
    /// </summary>
    /// <exception cref="FileNotFoundException">The exhibition is not published or has no such exhibit.</exception>
    /// <exception cref="ExhibitionRejectedException">The item's current version no longer has that page, or the region lies outside it.</exception>
    public async Task<Exhibition> RepinAsync(string slug, string exhibitId, string user, CancellationToken ct = default) =>
        await UnderGateAsync(slug, async () =>
        {
            var published = await GetPublishedAsync(slug, ct) ?? throw new FileNotFoundException($"'{slug}' is not published.");
            var exhibit = published.Exhibits.FirstOrDefault(x => x.Id == exhibitId) ?? throw new FileNotFoundException($"'{slug}' shows no exhibit '{exhibitId}'.");
            var entry = archive.Catalog.FindItem(exhibit.Item);
            if (entry is not null && exhibit.Source is { } pinned && pinned.ItemVersion >= entry.OcflVersion) return published;
            var alone = published with { Cover = null, Sections = [new ExhibitionSection("repin", published.Title, null, [exhibit with { Source = null }])] };
            var problems = ExhibitionRules.CheckAgainstCatalog(alone, archive.Catalog.FindItem)
                .Select(p => p with { Path = p.Path.Replace("sections[0].exhibits[0]", exhibitId, StringComparison.Ordinal) }).ToList();
            if (problems.Count > 0) throw new ExhibitionRejectedException(problems);
            // The exhibit stays as it was published (label, region, questions): only its source is new.
            var source = Pin(alone, archive.Catalog.FindItem).Exhibits.Single().Source;
            var repinned = published with
            {
                Published = new PublicationStamp(Now(), user),
                Sections = published.Sections.Select(s => s with
                {
                    Exhibits = s.Exhibits.Select(x => x.Id == exhibitId ? x with { Source = source } : x).ToList(),
                }).ToList(),
            };
            var working = await ReadAsync(slug, WorkingPath, null, ct) ?? throw new FileNotFoundException($"No exhibition '{slug}'.");
            await CommitAsync(slug, working, ExhibitionJson.ToUtf8(repinned), user, $"take {exhibit.Item} v{entry!.OcflVersion} for {exhibitId}", ct);
            Published?.Invoke(repinned);
            return repinned;
        });

    /// <summary>Autosaves a working copy (one atomic blob write; the last write wins).</summary>
    public async Task<ExhibitionDraft> SaveDraftAsync(Exhibition draft, int basedOn, string user, CancellationToken ct = default)
    {
        if (!ExhibitionSlug.IsValid(draft.Id)) throw new ExhibitionRejectedException(ExhibitionRules.Check(draft).Where(p => p.Path == "id").ToList());
        var doc = new DraftDocument(basedOn, user, Now(), draft.Unpublished());
        await archive.Store.WriteBytesAsync(DraftKey(draft.Id), JsonSerializer.SerializeToUtf8Bytes(doc, DraftJson), ct);
        return new ExhibitionDraft(doc.Exhibition, doc.BasedOn, doc.SavedBy, doc.SavedAt);
    }

    public async Task<ExhibitionDraft?> GetDraftAsync(string slug, CancellationToken ct = default)
    {
        if (!ExhibitionSlug.IsValid(slug)) return null;
        byte[] bytes;
        try { bytes = await archive.Store.ReadBytesAsync(DraftKey(slug), ct); }
        catch (BlobNotFoundException) { return null; }
        var doc = JsonSerializer.Deserialize<DraftDocument>(bytes, DraftJson) ?? throw new FormatException($"The draft of {slug} is empty.");
        return new ExhibitionDraft(doc.Exhibition, doc.BasedOn, doc.SavedBy, doc.SavedAt);
    }

    public Task DiscardDraftAsync(string slug, CancellationToken ct = default) => archive.Store.DeleteAsync(DraftKey(slug), ct);

    /// <summary>The exhibitions' rows of the catalog, recomputed from their OCFL objects (part of <c>qy rebuild</c>).</summary>
    public async Task<IReadOnlyList<string>> RebuildIndexAsync(IEnumerable<string> objectIds, CancellationToken ct = default)
    {
        var rows = new List<ExhibitionSummary>();
        var problems = new List<string>();
        foreach (var id in objectIds)
        {
            try
            {
                if (ExhibitionObjectId.SlugOf(id) is not { } slug) { problems.Add($"{id}: not an exhibition id"); continue; }
                if (await IsWithdrawnAsync(slug, ct)) continue; // deleted: kept in storage, not listed
                rows.Add(await SummarizeAsync(slug, ct));
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                problems.Add($"{id}: {e.Message}");
            }
        }
        Index.ReplaceAll(rows);
        return problems;
    }

    /// <summary>The catalog row of an exhibition from its object alone.</summary>
    private async Task<ExhibitionSummary> SummarizeAsync(string slug, CancellationToken ct)
    {
        var id = ExhibitionObjectId.For(slug);
        var head = await archive.Ocfl.GetHeadAsync(id, ct) ?? throw new FileNotFoundException($"No exhibition '{slug}'.");
        var working = await GetAsync(slug, head.Version, ct) ?? throw new FileNotFoundException($"{id} has no {WorkingPath}.");
        int? publishedVersion = null;
        DateTimeOffset? publishedAt = null;
        if (head.Files.TryGetValue(PublishedPath, out var digest))
        {
            // The version that published what the head shows: the oldest of the run of versions with the same published copy.
            publishedVersion = head.Version;
            for (var v = head.Version - 1; v >= 1; v--)
            {
                var older = await archive.Ocfl.GetVersionAsync(id, v, ct);
                if (older is null || !older.Files.TryGetValue(PublishedPath, out var d) || d != digest) break;
                publishedVersion = v;
            }
            publishedAt = (await GetPublishedAsync(slug, ct))?.Published?.At;
        }
        return new ExhibitionSummary(slug, working.Title, working.Hall, working.Exhibits.Count(), head.Version,
            head.Info.UserName, head.Info.Created, publishedVersion, publishedAt);
    }

    /// <summary>Fills each exhibit's <see cref="ExhibitSource"/> from the catalog's current record of its item.</summary>
    internal static Exhibition Pin(Exhibition e, Func<string, CatalogEntry?> find) => e with
    {
        Sections = e.Sections.Select(s => s with
        {
            Exhibits = s.Exhibits.Select(x =>
            {
                var entry = find(x.Item)!;
                var page = entry.Item.Pages.First(p => p.Order == x.Page);
                return x with { Source = SourceOf(entry, page) };
            }).ToList(),
        }).ToList(),
    };

    private static ExhibitSource SourceOf(CatalogEntry entry, Page page)
    {
        var item = entry.Item;
        var attribution = string.Join(" · ", new[] { item.Creator, item.Source }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new ExhibitSource(entry.OcflVersion, new Bilingual(item.TitleZh, item.TitleEn), page.Label, page.Width, page.Height, attribution, item.Rights);
    }

    private async Task<int> CommitAsync(string slug, byte[] working, byte[]? published, string user, string message, CancellationToken ct)
    {
        var id = ExhibitionObjectId.For(slug);
        var state = new List<OcflContent> { OcflContent.FromBytes(WorkingPath, working) };
        if (published is not null) state.Add(OcflContent.FromBytes(PublishedPath, published));
        var result = await archive.Ocfl.CommitAsync(id, state, new OcflVersionInfo(message, user, null, Now()), ct);
        Index.Upsert(await SummarizeAsync(slug, ct));
        return result.Version;
    }

    private async Task<byte[]?> ReadAsync(string slug, string path, int? version, CancellationToken ct)
    {
        var id = ExhibitionObjectId.For(slug);
        var state = await archive.Ocfl.GetVersionAsync(id, version, ct);
        if (state is null || !state.Files.ContainsKey(path)) return null;
        return await archive.Ocfl.ReadFileAsync(id, path, version, ct);
    }

    private static async Task<T> UnderGateAsync<T>(string slug, Func<Task<T>> work)
    {
        if (!ExhibitionSlug.IsValid(slug)) throw new ArgumentException($"'{slug}' is not an exhibition id.", nameof(slug));
        var gate = Gates.GetOrAdd(slug, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try { return await work(); }
        finally { gate.Release(); }
    }

    private static DateTimeOffset Now() => DateTimeOffset.UtcNow;

    private static BlobKey DraftKey(string slug) => BlobKey.Combine(DraftsRoot, slug + ".json");

    private static readonly JsonSerializerOptions DraftJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record WithdrawnDocument(string By, DateTimeOffset At);

    private sealed record DraftDocument(int BasedOn, string SavedBy, DateTimeOffset SavedAt, Exhibition Exhibition);
}
