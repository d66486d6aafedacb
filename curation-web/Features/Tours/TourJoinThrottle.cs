using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace QyHeritage.Web.Features.Tours;

/// <summary>
/// Join attempts: a one-minute fixed window per client address (<see cref="TourSettings.JoinsPerAddressPerMinute"/>),
/// and one for the whole site counting codes that name no live tour (<see cref="TourSettings.WrongCodesPerMinute"/>:
/// someone walking the six-digit code space). Once either is spent the join page answers 429 in both languages. One
/// host keeps the windows in memory (<see cref="MemoryTourJoinThrottle"/>); hosts sharing tours through Redis share the
/// windows there too (<see cref="RedisTourJoinThrottle"/>), so tries spread over the hosts count once.
/// </summary>
public abstract class TourJoinThrottle(TourSettings settings)
{
    /// <summary>Joins an address may try a minute (at least one: a limit of 0 would lock every pupil out).</summary>
    protected int JoinsPerAddress { get; } = Math.Max(1, settings.JoinsPerAddressPerMinute);

    /// <summary>Wrong codes the whole site accepts a minute (at least one).</summary>
    protected int WrongCodes { get; } = Math.Max(1, settings.WrongCodesPerMinute);

    /// <summary>Spends one of the address's joins this minute; false once they are spent.</summary>
    public abstract Task<bool> TryAddressAsync(System.Net.IPAddress? address, CancellationToken ct);

    /// <summary>Spends one of this minute's wrong codes; false once they are spent.</summary>
    public abstract Task<bool> TryWrongCodeAsync(CancellationToken ct);

    /// <summary>Whether guessing has spent this minute's allowance (then even a right code waits: no oracle).</summary>
    public abstract Task<bool> CodeSpaceSpentAsync(CancellationToken ct);

    protected static string AddressKey(System.Net.IPAddress? address) => address?.ToString() ?? "";
}

/// <summary>The join windows of one host, in its memory (no <c>Qy:Tours:Redis</c>).</summary>
public sealed class MemoryTourJoinThrottle : TourJoinThrottle, IDisposable
{
    private readonly PartitionedRateLimiter<string> _addresses;
    private readonly FixedWindowRateLimiter _codeSpace;

    public MemoryTourJoinThrottle(TourSettings settings) : base(settings)
    {
        _addresses = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetFixedWindowLimiter(address, _ => Window(JoinsPerAddress)));
        _codeSpace = new FixedWindowRateLimiter(Window(WrongCodes));
    }

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    public override Task<bool> TryAddressAsync(System.Net.IPAddress? address, CancellationToken ct)
    {
        using var lease = _addresses.AttemptAcquire(AddressKey(address));
        return Task.FromResult(lease.IsAcquired);
    }

    public override Task<bool> TryWrongCodeAsync(CancellationToken ct)
    {
        using var lease = _codeSpace.AttemptAcquire();
        return Task.FromResult(lease.IsAcquired);
    }

    public override Task<bool> CodeSpaceSpentAsync(CancellationToken ct) =>
        Task.FromResult(_codeSpace.GetStatistics()?.CurrentAvailablePermits <= 0);

    public void Dispose()
    {
        _addresses.Dispose();
        _codeSpace.Dispose();
    }
}

/// <summary>
/// The join windows shared by all hosts on one Redis: a counter per window (<c>qy:tours:joins:address:{address}</c>,
/// <c>qy:tours:joins:wrong-codes</c>), counted and given its minute to live in one script, so the first try of a
/// window starts it on whichever host it lands and no counter outlives its window.
/// </summary>
public sealed class RedisTourJoinThrottle(TourSettings settings, RedisTourRegistry registry) : TourJoinThrottle(settings)
{
    public const string AddressPrefix = "qy:tours:joins:address:";
    public const string WrongCodesKey = "qy:tours:joins:wrong-codes";
    private static readonly long WindowMilliseconds = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;

    // One try in a fixed window: KEYS counter; ARGV window (ms). The count so far, this try included.
    private const string Count = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    public override async Task<bool> TryAddressAsync(System.Net.IPAddress? address, CancellationToken ct) =>
        await CountAsync(AddressPrefix + AddressKey(address)) <= JoinsPerAddress;

    public override async Task<bool> TryWrongCodeAsync(CancellationToken ct) =>
        await CountAsync(WrongCodesKey) <= WrongCodes;

    public override async Task<bool> CodeSpaceSpentAsync(CancellationToken ct) =>
        (long?)await (await registry.DatabaseAsync()).StringGetAsync(WrongCodesKey) >= WrongCodes;

    private async Task<long> CountAsync(string key) =>
        (long)await (await registry.DatabaseAsync()).ScriptEvaluateAsync(Count, [new RedisKey(key)], [WindowMilliseconds]);
}
