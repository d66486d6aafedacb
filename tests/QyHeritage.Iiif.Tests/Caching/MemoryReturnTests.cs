using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Iiif.Caching;

namespace QyHeritage.Iiif.Tests.Caching;

/// <summary>
/// Memory goes back to the system after large renders only (issue 11): once after a burst of them,
/// never after tiles and thumbnails, whose collections would cost every request. What it gives back
/// is measured by bench/iiif-memory.sh, not here.
/// </summary>
public class MemoryReturnTests
{
    [Fact]
    public async Task A_burst_of_large_renders_returns_memory_once_after_the_last_and_small_ones_never()
    {
        var memory = new MemoryReturn(16_000_000, NullLogger.Instance);
        Assert.Null(memory.Begin(400 * 300)); // a thumbnail
        var first = memory.Begin(32_000_000)!;
        var second = memory.Begin(32_000_000)!;
        first.Dispose();
        await Task.Delay(1500);
        Assert.Equal(0, memory.Returns); // the second is still rendering
        second.Dispose();
        for (var i = 0; i < 50 && memory.Returns == 0; i++) await Task.Delay(100);
        Assert.Equal(1, memory.Returns);
    }

    [Fact]
    public void A_threshold_of_zero_never_returns()
    {
        Assert.Null(new MemoryReturn(0, NullLogger.Instance).Begin(long.MaxValue));
    }
}
