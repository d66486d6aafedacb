using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive.Tests;
using QyHeritage.Iiif.Caching;

namespace QyHeritage.Iiif.Tests.Caching;

public class ResponseCacheTests
{
    private static byte[] Bytes(int n, byte fill) => Enumerable.Repeat(fill, n).ToArray();

    [Fact]
    public void It_stays_under_its_limit_and_evicts_the_least_recently_used_first()
    {
        var folder = TestPaths.NewTempFolder("cache");
        var cache = new ResponseCache(folder, 10_000, NullLogger.Instance);
        for (var i = 0; i < 4; i++) cache.Put($"k{i}", Bytes(2000, (byte)i)); // 8,000 bytes
        Assert.NotNull(cache.TryGet("k0")); // k0 is now the most recently used
        cache.Put("k4", Bytes(2000, 4)); // 10,000: at the limit
        cache.Put("k5", Bytes(2000, 5)); // over: evict down to 9,000
        Assert.True(cache.TotalBytes <= 10_000);
        Assert.Null(cache.TryGet("k1"));
        Assert.NotNull(cache.TryGet("k0"));
        Assert.NotNull(cache.TryGet("k5"));
        Assert.Equal(Bytes(2000, 5), cache.TryGet("k5"));

        // A new process finds what is on disk and keeps to the limit.
        var again = new ResponseCache(folder, 10_000, NullLogger.Instance);
        Assert.Equal(Bytes(2000, 0), again.TryGet("k0"));
        Assert.Equal(cache.TotalBytes, again.TotalBytes);
        var smaller = new ResponseCache(folder, 4_000, NullLogger.Instance);
        Assert.NotNull(smaller.TryGet("k5"));
        Assert.True(smaller.TotalBytes <= 4_000);
        Assert.True(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) <= 4_000);
    }

    [Fact]
    public void An_entry_too_large_for_the_cache_is_not_kept_and_a_vanished_file_is_a_miss()
    {
        var folder = TestPaths.NewTempFolder("cache");
        var cache = new ResponseCache(folder, 10_000, NullLogger.Instance);
        cache.Put("big", Bytes(5000, 1));
        Assert.Null(cache.TryGet("big"));
        cache.Put("small", Bytes(100, 2));
        foreach (var f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)) File.Delete(f);
        Assert.Null(cache.TryGet("small"));
        Assert.Equal(0, cache.TotalBytes);
    }

    [Fact]
    public void An_entry_opened_for_streaming_stays_readable_when_it_is_evicted()
    {
        var folder = TestPaths.NewTempFolder("cache");
        var cache = new ResponseCache(folder, 10_000, NullLogger.Instance);
        cache.Put("a", Bytes(2000, 7));
        using var stream = cache.TryOpen("a");
        Assert.NotNull(stream);
        for (var i = 0; i < 6; i++) cache.Put($"b{i}", Bytes(2000, 1)); // pushes "a" out
        Assert.Null(cache.TryOpen("a"));
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        Assert.Equal(Bytes(2000, 7), ms.ToArray());
    }

    [Fact]
    public async Task Single_flight_runs_one_computation_for_concurrent_callers_and_a_new_one_afterwards()
    {
        var flight = new SingleFlight<int>();
        var runs = 0;
        var gate = new TaskCompletionSource();
        var callers = Enumerable.Range(0, 20).Select(_ => flight.RunAsync("k", async () =>
        {
            Interlocked.Increment(ref runs);
            await gate.Task;
            return 42;
        })).ToList();
        gate.SetResult();
        Assert.All(await Task.WhenAll(callers), v => Assert.Equal(42, v));
        Assert.Equal(1, runs);
        Assert.Equal(0, flight.Count);
        Assert.Equal(7, await flight.RunAsync("k", () => Task.FromResult(7)));
    }
}
