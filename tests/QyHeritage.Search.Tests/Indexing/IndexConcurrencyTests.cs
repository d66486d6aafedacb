using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Tests;
using QyHeritage.Search.Indexing;
using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Indexing;

/// <summary>
/// Several processes share data/index: writers take turns through the lock file beside the index, and
/// readers see each commit without any lock. Separate <see cref="SearchIndex"/> instances stand for processes;
/// one test holds the lock from a real other process (flock).
/// </summary>
public sealed class IndexConcurrencyTests
{
    private static Item ItemWith(string id, string text, out PageSource page)
    {
        var p = new Page { Order = 1, Label = "1", Transcription = "text/p001.txt" };
        page = new PageSource(p, PageText.FromTranscription(text), []);
        return new Item { Id = id, Collection = CollectionKind.LocalHistory, TitleZh = "测试", Pages = [p] };
    }

    private static async Task Write(SearchIndex index, string id, string text, TimeSpan? wait = null)
    {
        var item = ItemWith(id, text, out var page);
        using var w = await index.OpenWriterAsync(wait ?? TimeSpan.FromSeconds(10));
        w.ReplaceItem(item, 1, [page]);
    }

    [Fact]
    public async Task A_second_writer_waits_for_its_turn_and_readers_see_every_commit()
    {
        var folder = TestPaths.NewTempFolder("index-turns");
        using var ingest = new SearchIndex(folder);
        using var other = new SearchIndex(folder);
        using var server = new SearchIndex(folder) { RefreshInterval = TimeSpan.Zero };
        var search = new SearchService(server);
        Assert.Equal(0, search.Search(new SearchRequest { Query = "北江" }).TotalPages);

        var first = await ingest.OpenWriterAsync(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<TimeoutException>(() => other.OpenWriterAsync(TimeSpan.FromMilliseconds(300)));
        var waiting = Write(other, "QY-T-002", "北江又南");
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        var item = ItemWith("QY-T-001", "北江發源", out var page);
        first.ReplaceItem(item, 1, [page]);
        first.Dispose();
        await waiting;

        Assert.Equal(2, search.Search(new SearchRequest { Query = "北江" }).TotalPages);
    }

    [Fact]
    public async Task A_reader_in_use_keeps_its_snapshot()
    {
        var folder = TestPaths.NewTempFolder("index-snapshot");
        using var writer = new SearchIndex(folder);
        using var server = new SearchIndex(folder) { RefreshInterval = TimeSpan.Zero };
        await Write(writer, "QY-T-001", "清遠");
        var held = server.Acquire();
        await Write(writer, "QY-T-002", "清远");
        Assert.Equal(1, held.IndexReader.NumDocs);
        server.Release(held);
        var fresh = server.Acquire();
        Assert.Equal(2, fresh.IndexReader.NumDocs);
        server.Release(fresh);
    }

    [Fact]
    public async Task The_writer_lock_holds_across_processes()
    {
        var folder = TestPaths.NewTempFolder("index-process");
        using var index = new SearchIndex(folder);
        await using (await OtherProcessLock.HoldAsync(index.WriterLockPath))
            await Assert.ThrowsAsync<TimeoutException>(() => index.OpenWriterAsync(TimeSpan.FromMilliseconds(500)));
        using var w = await index.OpenWriterAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Readers_opening_while_another_instance_commits_never_fail()
    {
        var folder = TestPaths.NewTempFolder("index-race");
        using var writer = new SearchIndex(folder);
        using var server = new SearchIndex(folder) { RefreshInterval = TimeSpan.Zero };
        var search = new SearchService(server);
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++) await Write(writer, $"QY-T-{i:D3}", "北江");
        });
        var seen = 0;
        while (!writing.IsCompleted)
        {
            var n = search.Search(new SearchRequest { Query = "北江" }).TotalPages;
            Assert.True(n >= seen, "a reader went back in time");
            seen = n;
        }
        await writing;
        Assert.Equal(15, search.Search(new SearchRequest { Query = "北江" }).TotalPages);
    }

    [Fact]
    public async Task Updating_an_item_replaces_its_pages()
    {
        var folder = TestPaths.NewTempFolder("index-update");
        using var index = new SearchIndex(folder) { RefreshInterval = TimeSpan.Zero };
        await Write(index, "QY-T-001", "英德");
        await Write(index, "QY-T-001", "清遠");
        var search = new SearchService(index);
        Assert.Equal(0, search.Search(new SearchRequest { Query = "英德" }).TotalPages);
        Assert.Equal(1, search.Search(new SearchRequest { Query = "清远" }).TotalPages);
    }
}
