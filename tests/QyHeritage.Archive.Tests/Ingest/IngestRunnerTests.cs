using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Ingest;

/// <summary>The ingest end to end on copies of sample items, with real libvips (OCR off here; tests/QyHeritage.Recognition.Tests runs ingest with OCR).</summary>
public class IngestRunnerTests
{
    private static ArchiveServices NewArchive(bool ocr = false) =>
        new(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("ingest-data"), OcrEnabled = ocr });

    [Fact]
    public async Task Ingest_writes_a_valid_ocfl_object_pyramids_and_catalog_rows()
    {
        var archive = NewArchive();
        var folder = TestPaths.SampleSubset("QY-RB-002", "QY-LH-003");
        var report = await new IngestRunner(archive).RunAsync(folder);
        Assert.Equal((2, 0, 0), (report.ItemsAdded, report.ItemsUpdated, report.ItemsUnchanged));
        Assert.Empty(report.Problems);

        var head = await archive.Ocfl.GetHeadAsync("QY-RB-002");
        Assert.NotNull(head);
        Assert.Equal(1, head.Version);
        var validation = await new OcflValidator().ValidateObjectAsync(archive.Store, "ocfl/QY-RB-002");
        Assert.Empty(validation.Errors);

        // The preserved master is byte-identical to the input.
        await using (var stored = await archive.Ocfl.OpenFileAsync("QY-RB-002", "master/p001.jpg"))
        using (var ms = new MemoryStream())
        {
            await stored.CopyToAsync(ms);
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "rb02_gdtz_j04_yingde_jiangyu", "p001.jpg")), ms.ToArray());
        }
        Assert.NotNull(await archive.Store.StatAsync(ArchiveKeys.Pyramid("QY-RB-002", "p002")));
        var entry = archive.Catalog.FindItem("QY-RB-002")!;
        Assert.Equal(2, entry.Item.Pages.Count);
        Assert.Equal((2400, 3400), (entry.Item.Pages[0].Width, entry.Item.Pages[0].Height));
        Assert.Equal("text/p001.txt", entry.Item.Pages[0].Transcription);
    }

    [Fact]
    public void With_ocr_on_and_no_recogniser_the_ingest_refuses_to_start_saying_what_is_missing()
    {
        // A silent skip would leave a collection without text boxes; the OCR engines live in QyHeritage.Recognition.
        var e = Assert.Throws<ArgumentException>(() => new IngestRunner(NewArchive(ocr: true)));
        Assert.Contains("Qy:OcrEnabled", e.Message);
    }

    [Fact]
    public async Task The_same_input_again_makes_no_new_version_and_a_changed_page_makes_one()
    {
        var archive = NewArchive();
        var folder = TestPaths.SampleSubset("QY-RB-002", "QY-LH-003");
        await new IngestRunner(archive).RunAsync(folder);

        var again = await new IngestRunner(archive).RunAsync(folder);
        Assert.Equal((0, 0, 2), (again.ItemsAdded, again.ItemsUpdated, again.ItemsUnchanged));
        Assert.Equal(1, (await archive.Ocfl.GetHeadAsync("QY-RB-002"))!.Version);

        var text = Path.Combine(folder, "rb02_gdtz_j04_yingde_jiangyu", "p002.txt");
        File.AppendAllText(text, "\n校勘記：清遠");
        var changed = await new IngestRunner(archive).RunAsync(folder);
        Assert.Equal((0, 1, 1), (changed.ItemsAdded, changed.ItemsUpdated, changed.ItemsUnchanged));
        Assert.Equal(2, (await archive.Ocfl.GetHeadAsync("QY-RB-002"))!.Version);
        Assert.Equal(2, archive.Catalog.FindItem("QY-RB-002")!.OcflVersion);
        // The earlier version is still there, unchanged.
        await using var v1 = await archive.Ocfl.OpenFileAsync("QY-RB-002", "text/p002.txt", 1);
        Assert.DoesNotContain("校勘記", await new StreamReader(v1).ReadToEndAsync());
        Assert.Empty((await new OcflValidator().ValidateObjectAsync(archive.Store, "ocfl/QY-RB-002")).Errors);
    }

    [Fact]
    public async Task A_corrupt_master_is_refused_by_name_and_the_rest_goes_on()
    {
        var archive = NewArchive();
        var folder = TestPaths.SampleSubset("QY-RB-002", "QY-LH-003", "QY-RD-002");
        var victim = Path.Combine(folder, "rb02_gdtz_j04_yingde_jiangyu", "p002.jpg");
        var bytes = File.ReadAllBytes(victim);
        File.WriteAllBytes(victim, bytes[..(bytes.Length / 2)]); // truncated
        File.WriteAllBytes(Path.Combine(folder, "lh03_wiki_beijiang", "p001.jpg"), []); // empty

        var report = await new IngestRunner(archive).RunAsync(folder);
        Assert.Equal(1, report.ItemsAdded);
        Assert.Equal(2, report.ItemsFailed);
        Assert.Contains(report.Problems, p => p.Contains("QY-RB-002") && p.Contains("p002"));
        Assert.Contains(report.Problems, p => p.Contains("QY-LH-003") && p.Contains("p001") && p.Contains("empty"));
        Assert.Null(await archive.Ocfl.GetHeadAsync("QY-RB-002"));
        Assert.Null(archive.Catalog.FindItem("QY-RB-002"));
        Assert.NotNull(archive.Catalog.FindItem("QY-RD-002"));
    }

    [Fact]
    public async Task An_over_limit_master_is_refused_at_ingest()
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("ingest-limit"), OcrEnabled = false, MaxPixels = 1_000_000 });
        var report = await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset("QY-LH-003"));
        var problem = Assert.Single(report.Problems);
        Assert.Contains("QY-LH-003", problem);
        Assert.Null(archive.Catalog.FindItem("QY-LH-003"));
    }

    [Fact]
    public async Task Rebuild_recreates_the_same_catalog_from_storage_alone()
    {
        var archive = NewArchive();
        await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset("QY-RB-002", "QY-LH-003", "QY-NP-001"));
        var before = archive.Catalog.ListItems();

        foreach (var f in Directory.GetFiles(archive.Options.DataFolder, "catalog.db*")) File.Delete(f);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var fresh = new ArchiveServices(archive.Options);
        Assert.Equal(0, fresh.Catalog.CountItems());
        var result = await new CatalogRebuilder(fresh).RebuildAsync();
        Assert.Equal((3, 3), (result.Objects, result.Items));
        var after = fresh.Catalog.ListItems();
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].OcflVersion, after[i].OcflVersion);
            Assert.Equal(before[i].Item with { Pages = [] }, after[i].Item with { Pages = [] });
            Assert.Equal(before[i].Item.Pages, after[i].Item.Pages);
        }
    }
}

public class IngestResumeTests
{
    [Fact]
    public async Task An_interrupted_ingest_resumes_without_redoing_finished_items()
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("ingest-resume"), OcrEnabled = false, IngestParallelism = 1 });
        var folder = TestPaths.SampleSubset("QY-RB-002", "QY-LH-003", "QY-RD-002", "QY-NP-001");
        using var cts = new CancellationTokenSource();
        // Stop as soon as the first item is committed, as Ctrl+C or a crash would.
        var progress = new InlineProgress(p => { if (p.ItemsDone >= 1) cts.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new IngestRunner(archive).RunAsync(folder, progress, cts.Token));
        var committed = archive.Catalog.CountItems();
        Assert.InRange(committed, 1, 3);

        var resumed = await new IngestRunner(archive).RunAsync(folder);
        Assert.Equal(committed, resumed.ItemsUnchanged);
        Assert.Equal(4 - committed, resumed.ItemsAdded);
        Assert.Equal(4, archive.Catalog.CountItems());
    }

    private sealed class InlineProgress(Action<IngestProgress> action) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => action(value);
    }
}

public class ObjectWriterLockTests
{
    [Fact]
    public async Task A_second_writer_waits_until_the_first_releases_the_object()
    {
        var work = TestPaths.NewTempFolder("locks");
        var first = await ObjectWriterLock.AcquireAsync(work, "QY-RB-001", CancellationToken.None);
        using (var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ObjectWriterLock.AcquireAsync(work, "QY-RB-001", shortWait.Token));
        using (await ObjectWriterLock.AcquireAsync(work, "QY-RB-002", CancellationToken.None)) { } // other objects are free
        first.Dispose();
        using var second = await ObjectWriterLock.AcquireAsync(work, "QY-RB-001", CancellationToken.None);
    }
}
