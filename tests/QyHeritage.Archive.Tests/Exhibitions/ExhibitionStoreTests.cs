using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Fixity;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Exhibitions;

public class ExhibitionStoreTests
{
    private readonly ArchiveServices _archive = ExhibitionSamples.NewArchive();
    private readonly ExhibitionStore _store;

    public ExhibitionStoreTests() => _store = new ExhibitionStore(_archive);

    private async Task IngestBothAsync()
    {
        await ExhibitionSamples.IngestAsync(_archive, ExhibitionSamples.Item("QY-RB-008", 3));
        await ExhibitionSamples.IngestAsync(_archive, ExhibitionSamples.Item("QY-RB-009", 2));
    }

    [Fact]
    public async Task Each_save_is_an_ocfl_version_in_the_items_storage_root_that_the_audit_passes()
    {
        Assert.Equal(1, await _store.SaveVersionAsync(ExhibitionSamples.Rivers(), "curator-li", "first draft"));
        Assert.Equal(1, await _store.SaveVersionAsync(ExhibitionSamples.Rivers(), "curator-li", "nothing changed")); // same bytes: no version
        Assert.Equal(2, await _store.SaveVersionAsync(ExhibitionSamples.Rivers("溱水"), "curator-wang", "shorter label"));

        var head = await _archive.Ocfl.GetHeadAsync("exhibitions.rivers");
        Assert.Equal(2, head!.Version);
        Assert.Equal([ExhibitionStore.WorkingPath], head.Files.Keys);
        Assert.Contains("exhibitions.rivers", await _archive.Ocfl.ListObjectIdsAsync().ToListAsync());
        Assert.Equal("溱水", (await _store.GetAsync("rivers"))!.Sections[0].Exhibits[0].Label.Zh);
        Assert.Equal("溱水过湞陽", (await _store.GetAsync("rivers", 1))!.Sections[0].Exhibits[0].Label.Zh);

        var report = await new FixityAuditor(_archive.Store).RunAsync(new AuditOptions());
        Assert.True(report.Ok, string.Join("; ", report.Findings));
        Assert.Contains(report.Objects, o => o.Item == "exhibitions.rivers");
    }

    [Fact]
    public async Task History_says_who_and_when_and_restore_makes_a_new_version_from_an_old_one()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await _store.SaveVersionAsync(ExhibitionSamples.Rivers(), "curator-li", "first draft");
        await _store.SaveVersionAsync(ExhibitionSamples.Rivers("改过的说明"), "curator-wang", "relabel");
        Assert.Equal(3, await _store.RestoreAsync("rivers", 1, "curator-li"));

        var history = await _store.HistoryAsync("rivers");
        Assert.Equal([1, 2, 3], history.Select(h => h.Version));
        Assert.Equal(["curator-li", "curator-wang", "curator-li"], history.Select(h => h.UserName));
        Assert.Equal(["first draft", "relabel", "restore v1"], history.Select(h => h.Message));
        Assert.All(history, h => Assert.InRange(h.Created, before, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal("溱水过湞陽", (await _store.GetAsync("rivers"))!.Sections[0].Exhibits[0].Label.Zh);
        Assert.Equal("改过的说明", (await _store.GetAsync("rivers", 2))!.Sections[0].Exhibits[0].Label.Zh);
        await Assert.ThrowsAsync<FileNotFoundException>(() => _store.RestoreAsync("rivers", 9, "curator-li"));
    }

    [Fact]
    public async Task An_invalid_exhibition_is_refused_and_nothing_is_written()
    {
        var bad = ExhibitionSamples.Rivers() with { Title = new Bilingual("", "No Chinese title") };
        var refused = await Assert.ThrowsAsync<ExhibitionRejectedException>(() => _store.SaveVersionAsync(bad, "curator-li", "save"));
        Assert.Equal("title", refused.Problems.Single().Path);
        Assert.Null(await _archive.Ocfl.GetHeadAsync("exhibitions.rivers"));
    }

    [Fact]
    public async Task Publishing_pins_item_versions_and_carries_attribution_from_the_catalog()
    {
        await IngestBothAsync();
        await _store.SaveVersionAsync(ExhibitionSamples.Rivers(), "curator-li", "save");
        var published = await _store.PublishAsync("rivers", "curator-li");

        var zhen = published.Sections[0].Exhibits[0].Source!;
        Assert.Equal((1, "1a", 2400, 3400), (zhen.ItemVersion, zhen.PageLabel, zhen.Width, zhen.Height));
        Assert.Equal("酈道元 撰 · Kanripo KR2k0058", zhen.Attribution);
        Assert.Equal("CC BY-SA 4.0", zhen.Rights);
        Assert.Equal("curator-li", published.Published!.By);
        Assert.Equal(ExhibitionJson.ToJson(published), ExhibitionJson.ToJson((await _store.GetPublishedAsync("rivers"))!));
        // The working copy never holds what publishing carries over.
        Assert.Null((await _store.GetAsync("rivers"))!.Sections[0].Exhibits[0].Source);

        var row = _store.Index.Find("rivers")!;
        Assert.Equal((2, 2), (row.HeadVersion, row.PublishedVersion!.Value));

        // A re-ingest of an item changes nothing published, and the curator is shown it.
        Assert.Empty(_store.NewerItemVersions(published));
        await ExhibitionSamples.IngestAsync(_archive, ExhibitionSamples.Item("QY-RB-008", 3) with { Rights = "Public domain" }, "re-ingest");
        var still = await _store.GetPublishedAsync("rivers");
        Assert.Equal("CC BY-SA 4.0", still!.Sections[0].Exhibits[0].Source!.Rights);
        Assert.Equal([new NewerItemVersion("zhen-gorge", "QY-RB-008", 1, 2)], _store.NewerItemVersions(still));

        // Publishing again takes the newer version.
        var again = await _store.PublishAsync("rivers", "curator-wang");
        Assert.Equal((2, "Public domain"), (again.Sections[0].Exhibits[0].Source!.ItemVersion, again.Sections[0].Exhibits[0].Source!.Rights));
        Assert.Empty(_store.NewerItemVersions(again));

        await _store.UnpublishAsync("rivers", "curator-wang");
        Assert.Null(await _store.GetPublishedAsync("rivers"));
        Assert.False(_store.Index.Find("rivers")!.IsPublished);
    }

    [Fact]
    public async Task Taking_the_newer_item_version_for_one_exhibit_changes_only_that_exhibit_of_the_published_copy()
    {
        await IngestBothAsync();
        await _store.SaveVersionAsync(ExhibitionSamples.Rivers(), "curator-li", "save");
        await _store.PublishAsync("rivers", "curator-li");
        // After publishing, the curator keeps working (not yet published), and both items are re-ingested.
        await _store.SaveVersionAsync(ExhibitionSamples.Rivers("还没发布的说明"), "curator-li", "keep working");
        await ExhibitionSamples.IngestAsync(_archive, ExhibitionSamples.Item("QY-RB-008", 3) with { Rights = "Public domain" }, "re-ingest");
        await ExhibitionSamples.IngestAsync(_archive, ExhibitionSamples.Item("QY-RB-009", 2) with { Rights = "CC0" }, "re-ingest");
        var before = (await _store.GetPublishedAsync("rivers"))!;
        Assert.Equal(["zhen-gorge", "kuang"], _store.NewerItemVersions(before).Select(n => n.ExhibitId));

        var after = await _store.RepinAsync("rivers", "zhen-gorge", "curator-wang");
        Assert.Equal((2, "Public domain"), (after.Exhibits.First().Source!.ItemVersion, after.Exhibits.First().Source!.Rights));
        Assert.Equal(before.Exhibits.Last(), after.Exhibits.Last()); // the other exhibit still shows what was published
        Assert.Equal("溱水过湞陽", after.Exhibits.First().Label.Zh); // as published, not the later unpublished label
        Assert.Equal([new NewerItemVersion("kuang", "QY-RB-009", 1, 2)], _store.NewerItemVersions((await _store.GetPublishedAsync("rivers"))!));
        Assert.Equal("还没发布的说明", (await _store.GetAsync("rivers"))!.Exhibits.First().Label.Zh);
        var history = await _store.HistoryAsync("rivers");
        Assert.Equal(("curator-wang", "take QY-RB-008 v2 for zhen-gorge"), (history[^1].UserName, history[^1].Message));
        Assert.Equal(history[^1].Version, _store.Index.Find("rivers")!.PublishedVersion);

        // Again: nothing newer, nothing written; an exhibit that is not there is refused.
        await _store.RepinAsync("rivers", "zhen-gorge", "curator-wang");
        Assert.Equal(history.Count, (await _store.HistoryAsync("rivers")).Count);
        await Assert.ThrowsAsync<FileNotFoundException>(() => _store.RepinAsync("rivers", "no-such", "curator-wang"));
    }

    [Fact]
    public async Task Publishing_refuses_an_exhibit_whose_region_lies_outside_the_page()
    {
        await IngestBothAsync();
        var e = ExhibitionSamples.Rivers();
        var outside = e with { Sections = [e.Sections[0] with { Exhibits = [e.Sections[0].Exhibits[0] with { Region = new PixelRegion(0, 3000, 100, 500) }] }] };
        await _store.SaveVersionAsync(outside, "curator-li", "save");
        var refused = await Assert.ThrowsAsync<ExhibitionRejectedException>(() => _store.PublishAsync("rivers", "curator-li"));
        Assert.Equal("sections[0].exhibits[0].region", refused.Problems.Single().Path);
        Assert.Null(await _store.GetPublishedAsync("rivers"));
    }

    [Fact]
    public async Task A_rebuild_from_storage_alone_brings_the_exhibitions_back_into_the_catalog()
    {
        await IngestBothAsync();
        await _store.SaveVersionAsync(ExhibitionSamples.Rivers(), "curator-li", "save");
        await _store.PublishAsync("rivers", "curator-li");
        await _store.SaveVersionAsync(ExhibitionSamples.Rivers("新说明"), "curator-wang", "after publishing");
        var expected = _store.Index.Find("rivers")!;

        // Lose the catalog entirely; only the blob store remains.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_archive.Options.CatalogPath);
        foreach (var f in Directory.GetFiles(_archive.Options.DataFolder, "catalog.db-*")) File.Delete(f);
        var fresh = new ArchiveServices(_archive.Options);
        Assert.Empty(new ExhibitionStore(fresh).Index.List());

        var result = await new CatalogRebuilder(fresh).RebuildAsync();
        Assert.Empty(result.Problems);
        Assert.Equal((3, 2, 1), (result.Objects, result.Items, result.Exhibitions));
        var row = new ExhibitionStore(fresh).Index.Find("rivers")!;
        Assert.Equal(expected, row);
        Assert.Equal((3, 2, "curator-wang"), (row.HeadVersion, row.PublishedVersion!.Value, row.UpdatedBy));
        Assert.Equal("北江历史", row.Title.Zh);
    }

    [Fact]
    public async Task A_draft_is_one_blob_outside_ocfl_and_saving_a_version_clears_it()
    {
        await _store.SaveVersionAsync(ExhibitionSamples.Rivers(), "curator-li", "save");
        await _store.SaveDraftAsync(ExhibitionSamples.Rivers("打字中"), 1, "curator-li");
        var draft = await _store.GetDraftAsync("rivers");
        Assert.Equal(("打字中", 1, "curator-li"), (draft!.Exhibition.Sections[0].Exhibits[0].Label.Zh, draft.BasedOn, draft.SavedBy));
        Assert.True(await _archive.Store.ExistsAsync(BlobKey.Parse("exhibition-drafts/rivers.json")));
        Assert.Equal(1, (await _archive.Ocfl.GetHeadAsync("exhibitions.rivers"))!.Version);

        await _store.SaveVersionAsync(draft.Exhibition, "curator-li", "save");
        Assert.Null(await _store.GetDraftAsync("rivers"));
    }

    [Fact]
    public async Task A_deleted_exhibition_is_hidden_but_kept_in_storage_and_only_a_purge_after_the_delete_removes_it()
    {
        await IngestBothAsync();
        await _store.SaveVersionAsync(ExhibitionSamples.Rivers(), "curator-li", "save");
        await _store.PublishAsync("rivers", "curator-li");
        await _store.SaveDraftAsync(ExhibitionSamples.Rivers("打字中"), 2, "curator-li");
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.PurgeAsync("rivers"));

        await _store.HideAsync("rivers", "curator-wang");
        Assert.True(await _store.IsWithdrawnAsync("rivers"));
        Assert.Null(_store.Index.Find("rivers"));
        Assert.Null(await _store.GetPublishedAsync("rivers"));
        Assert.Null(await _store.GetDraftAsync("rivers"));
        Assert.Equal(["save", "publish", "delete"], (await _store.HistoryAsync("rivers")).Select(h => h.Message));
        Assert.Equal("溱水过湞陽", (await _store.GetAsync("rivers"))!.Sections[0].Exhibits[0].Label.Zh); // the record is kept
        var audit = await new FixityAuditor(_archive.Store).RunAsync(new AuditOptions());
        Assert.True(audit.Ok, string.Join("; ", audit.Findings));

        // A rebuild from storage keeps it hidden.
        await new CatalogRebuilder(_archive).RebuildAsync();
        Assert.Null(_store.Index.Find("rivers"));

        await _store.PurgeAsync("rivers");
        Assert.Null(await _archive.Ocfl.GetHeadAsync("exhibitions.rivers"));
        Assert.Empty(await _archive.Store.ListAsync(_archive.Ocfl.ObjectRoot("exhibitions.rivers") + "/").ToListAsync());
        Assert.DoesNotContain("exhibitions.rivers", await _archive.Ocfl.ListObjectIdsAsync().ToListAsync());
        Assert.True((await new FixityAuditor(_archive.Store).RunAsync(new AuditOptions())).Ok);
    }

    [Fact]
    public async Task A_preview_carries_the_catalogs_facts_where_the_page_exists_and_none_where_it_does_not()
    {
        await IngestBothAsync();
        var e = ExhibitionSamples.Rivers();
        var first = e.Sections[0].Exhibits[0];
        var withMissingPage = e with { Sections = [e.Sections[0] with { Exhibits = [first, first with { Id = "nowhere", Page = 99 }] }] };
        var preview = _store.Preview(withMissingPage);
        Assert.NotNull(preview.Exhibits.First().Source);
        Assert.Equal(1, preview.Exhibits.First().Source!.ItemVersion);
        Assert.Null(preview.Exhibits.Last().Source);
        Assert.Null(preview.Published);
    }
}
