using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using StackExchange.Redis;

namespace QyHeritage.Web.Features.Tours;

/// <summary>
/// Live tours shared by several hosts (<c>Qy:Tours:Redis</c>): Redis holds the authoritative state, so a guide on one
/// host and pupils on another see one tour; the SignalR Redis backplane carries the hub's messages between the hosts.
/// Per tour (keys hash-tagged by the tour id): <c>info</c> (what never changes: code, guide, the exhibition copy; cached
/// by each host), <c>core</c> (stop, gathered, question, results shown, pointer, ended: changed by compare-and-set, so two
/// guides' clicks on two hosts cannot overwrite each other), <c>active</c> (last activity), <c>pupils</c> and
/// <c>present</c> (joined and not removed; the tour's size checked in the same script that adds one), <c>answers</c>
/// (one field a pupil and question: the last answer counts), <c>online</c> (open connections per host and pupil; a host
/// that stops beating its heart no longer counts), <c>rev</c> (bumped by every kept change). Codes:
/// <c>qy:tours:code:{code}</c> is the live tour's id, or <c>ended:{id}</c>. Each host still writes the tours it changed
/// to the shared blob store a moment later (<c>tours/{id}.json</c>, as on one host), writing again while <c>rev</c>
/// moves, so the store holds the last state; a Redis that comes back empty is seeded again from those snapshots.
/// </summary>
public sealed class RedisTourRegistry(ArchiveServices archive, TourSettings settings, ILogger<RedisTourRegistry> log)
    : TourRegistry(archive, settings, log), IAsyncDisposable
{
    private const string AllKey = "qy:tours";
    private const string SeededKey = "qy:tours:seeded";
    private const string HostsKey = "qy:tours:hosts";
    private static readonly TimeSpan HeartbeatLife = TimeSpan.FromSeconds(30);

    // Compare-and-set of a tour's core: KEYS core, rev, active; ARGV expected, next, now.
    private const string SetCore = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[2]); redis.call('INCR', KEYS[2]); redis.call('SET', KEYS[3], ARGV[3])
        return 1
        """;

    // A pupil joins a live tour that has room: KEYS core, present, pupils, rev, active; ARGV max, id, pupil, now.
    private const string Join = """
        local core = redis.call('GET', KEYS[1])
        if not core or cjson.decode(core).ended ~= cjson.null then return 0 end
        if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[3], ARGV[2], ARGV[3]); redis.call('SADD', KEYS[2], ARGV[2])
        redis.call('INCR', KEYS[4]); redis.call('SET', KEYS[5], ARGV[4])
        return 1
        """;

    // A kept change of one hash field: KEYS hash, rev, active, present; ARGV field, value, now, remove-from-present.
    private const string SetField = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]); redis.call('INCR', KEYS[2]); redis.call('SET', KEYS[3], ARGV[3])
        if ARGV[4] == '1' then redis.call('SREM', KEYS[4], ARGV[1]) end
        return 1
        """;

    // A code for a new tour, unless a live tour holds it: KEYS code; ARGV id.
    private const string ClaimCode = """
        local v = redis.call('GET', KEYS[1])
        if v and string.sub(v, 1, 6) ~= 'ended:' then return 0 end
        redis.call('SET', KEYS[1], ARGV[1])
        return 1
        """;

    // The code of an ended tour answers "ended" until another tour takes it: KEYS code; ARGV id.
    private const string EndCode = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], 'ended:' .. ARGV[1]) end
        return 1
        """;

    // Forget a deleted tour's code: KEYS code; ARGV id.
    private const string DropCode = """
        if redis.call('GET', KEYS[1]) == 'ended:' .. ARGV[1] then redis.call('DEL', KEYS[1]) end
        return 1
        """;

    private readonly string _host = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
    private readonly ConcurrentDictionary<string, TourInfo> _infos = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _dirty = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private Task<ConnectionMultiplexer>? _redis;
    private (HashSet<string> Hosts, long Until) _alive = (new HashSet<string>(), 0);

    /// <summary>This host's name in the <c>online</c> counts.</summary>
    public string Host => _host;

    private static Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    private Task<ConnectionMultiplexer> RedisAsync() => LazyInitializer.EnsureInitialized(ref _redis, () => ConnectAsync(Settings.Redis!));

    private async Task<IDatabase> DbAsync() => (await RedisAsync()).GetDatabase();

    /// <summary>The shared Redis (this registry's connection), for what else the hosts share there (the join windows).</summary>
    internal Task<IDatabase> DatabaseAsync() => DbAsync();

    public override async Task<Tour?> FindAsync(string id, CancellationToken ct = default)
    {
        if (!ValidId(id)) return null;
        var db = await DbAsync();
        var k = new Keys(id);
        var info = _infos.TryGetValue(id, out var cached) ? Task.FromResult<RedisValue>(default) : db.StringGetAsync(k.Info);
        var core = db.StringGetAsync(k.Core);
        var active = db.StringGetAsync(k.Active);
        var pupils = db.HashGetAllAsync(k.Pupils);
        var answers = db.HashGetAllAsync(k.Answers);
        var online = db.HashGetAllAsync(k.Online);
        var alive = AliveHostsAsync(db);
        await Task.WhenAll(info, core, active, pupils, answers, online, alive);
        if (core.Result.IsNull || (cached ?? Info(id, info.Result)) is not { } i) return null;
        var tour = Build(i, Read<TourCore>(core.Result), active.Result);
        foreach (var p in pupils.Result.Select(e => Read<TourPupil>(e.Value)).OrderBy(p => p.Joined)) tour.Pupils.Add(p);
        foreach (var a in answers.Result.Select(e => Read<TourAnswer>(e.Value)).OrderBy(a => a.At)) tour.Answers.Add(a);
        foreach (var e in online.Result)
        {
            var field = e.Name.ToString();
            var bar = field.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && (int)e.Value > 0 && alive.Result.Contains(field[..bar]))
                tour.Connected[field[(bar + 1)..]] = tour.Connected.GetValueOrDefault(field[(bar + 1)..]) + (int)e.Value;
        }
        return tour;
    }

    public override async Task<Tour?> FindLiveByCodeAsync(string code, CancellationToken ct = default)
    {
        var id = (string?)await (await DbAsync()).StringGetAsync(CodeKey(code));
        return id is null || id.StartsWith("ended:", StringComparison.Ordinal) ? null : await FindAsync(id, ct) is { IsLive: true } t ? t : null;
    }

    public override async Task<bool> EndedWithCodeAsync(string code, CancellationToken ct = default) =>
        (string?)await (await DbAsync()).StringGetAsync(CodeKey(code)) is { } v && v.StartsWith("ended:", StringComparison.Ordinal) &&
        await FindAsync(v["ended:".Length..], ct) is { IsLive: false };

    public override async Task<IReadOnlyList<Tour>> AllAsync(CancellationToken ct = default)
    {
        var ids = await (await DbAsync()).SetMembersAsync(AllKey);
        var tours = await Task.WhenAll(ids.Select(id => FindAsync(id.ToString(), ct)));
        return [.. tours.OfType<Tour>().OrderByDescending(t => t.Created)];
    }

    public override async Task<Tour> StartAsync(Exhibition published, int version, string guide, CancellationToken ct = default)
    {
        var db = await DbAsync();
        Tour tour;
        do tour = NewTour(published, version, guide);
        while ((int)await db.ScriptEvaluateAsync(ClaimCode, new RedisKey[] { CodeKey(tour.Code) }, new RedisValue[] { tour.Id }) != 1);
        await SeedAsync(db, tour, onlyIfMissing: false);
        await WriteAsync(tour, ct);
        return tour;
    }

    public override Task<Changed<T>?> ChangeAsync<T>(string id, Func<Tour, T> change, CancellationToken ct = default) =>
        SetCoreAsync(id, change, evenEnded: false, ct);

    private async Task<Changed<T>?> SetCoreAsync<T>(string id, Func<Tour, T> change, bool evenEnded, CancellationToken ct)
    {
        if (!ValidId(id)) return null;
        var db = await DbAsync();
        var k = new Keys(id);
        for (var attempt = 0; ; attempt++)
        {
            var raw = await db.StringGetAsync(k.Core);
            if (raw.IsNull || await InfoAsync(db, id) is not { } info) return null;
            var tour = Build(info, Read<TourCore>(raw), default);
            if (!tour.IsLive && !evenEnded) return null;
            var value = change(tour);
            var now = Clock.GetUtcNow();
            tour.LastActivity = now;
            var next = JsonSerializer.Serialize(new TourCore(tour.Stop, tour.Gathered, tour.Question, tour.ResultsShown, tour.Pointer, tour.Ended), Json);
            if ((int)await db.ScriptEvaluateAsync(SetCore, new RedisKey[] { k.Core, k.Rev, k.Active }, new RedisValue[] { raw, next, now.ToUnixTimeMilliseconds() }) == 1)
            {
                _dirty[id] = 0;
                return new Changed<T>(tour, value);
            }
            // Another host changed the tour between the read and the write: read it again.
            await Task.Delay(Random.Shared.Next(1, 2 << Math.Min(attempt, 6)), ct);
        }
    }

    public override async Task<bool> AddPupilAsync(Tour tour, TourPupil pupil, CancellationToken ct = default)
    {
        var db = await DbAsync();
        var k = new Keys(tour.Id);
        var added = (int)await db.ScriptEvaluateAsync(Join, new RedisKey[] { k.Core, k.Present, k.Pupils, k.Rev, k.Active },
            new RedisValue[] { Math.Max(0, Settings.MaxPupils), pupil.Id, JsonSerializer.Serialize(pupil, Json), Clock.GetUtcNow().ToUnixTimeMilliseconds() }) == 1;
        if (added) _dirty[tour.Id] = 0;
        return added;
    }

    public override async Task RemovePupilAsync(Tour tour, string pupilId, CancellationToken ct = default)
    {
        TourPupil? pupil;
        lock (tour.Gate) pupil = tour.Pupils.FirstOrDefault(p => p.Id == pupilId);
        if (pupil is null) return;
        var removed = pupil with { };
        removed.Removed = true;
        await SetFieldAsync(tour.Id, k => k.Pupils, pupilId, JsonSerializer.Serialize(removed, Json), leavePresent: true);
    }

    public override Task AnswerAsync(Tour tour, TourAnswer answer, CancellationToken ct = default) =>
        SetFieldAsync(tour.Id, k => k.Answers, $"{answer.Pupil}|{answer.Stop}|{answer.Question}", JsonSerializer.Serialize(answer, Json), leavePresent: false);

    private async Task SetFieldAsync(string id, Func<Keys, RedisKey> hash, string field, string value, bool leavePresent)
    {
        var db = await DbAsync();
        var k = new Keys(id);
        await db.ScriptEvaluateAsync(SetField, new RedisKey[] { hash(k), k.Rev, k.Active, k.Present },
            new RedisValue[] { field, value, Clock.GetUtcNow().ToUnixTimeMilliseconds(), leavePresent ? "1" : "0" });
        _dirty[id] = 0;
    }

    public override async Task ConnectedAsync(Tour tour, string pupilId, int delta, CancellationToken ct = default)
    {
        var db = await DbAsync();
        var k = new Keys(tour.Id);
        var field = _host + "|" + pupilId;
        if (await db.HashIncrementAsync(k.Online, field, delta) <= 0) await db.HashDeleteAsync(k.Online, field);
    }

    public override async Task<bool> EndAsync(Tour tour, CancellationToken ct = default)
    {
        var now = Clock.GetUtcNow();
        var changed = await SetCoreAsync(tour.Id, t =>
        {
            if (!t.IsLive) return false;
            t.Ended = now;
            t.Question = null;
            t.Pointer = null;
            return true;
        }, evenEnded: true, ct);
        if (changed is not { Value: true }) return false;
        await (await DbAsync()).ScriptEvaluateAsync(EndCode, new RedisKey[] { CodeKey(tour.Code) }, new RedisValue[] { tour.Id });
        lock (tour.Gate)
        {
            tour.Ended = now;
            tour.Question = null;
            tour.Pointer = null;
        }
        return true;
    }

    /// <summary>Seeds Redis with the kept tours it does not hold (a first start, or a Redis that lost its data).</summary>
    public override async Task LoadAsync(CancellationToken ct)
    {
        var db = await DbAsync();
        await HeartbeatAsync(db);
        var seeded = 0;
        foreach (var tour in await ReadKeptAsync(ct))
        {
            if (!await SeedAsync(db, tour, onlyIfMissing: true)) continue;
            seeded++;
            if (!tour.IsLive) await db.StringSetAsync(CodeKey(tour.Code), "ended:" + tour.Id, null, false, When.NotExists);
            else if ((int)await db.ScriptEvaluateAsync(ClaimCode, new RedisKey[] { CodeKey(tour.Code) }, new RedisValue[] { tour.Id }) != 1) await EndAsync(tour, ct); // the code is another live tour's: keep that one
        }
        await db.StringSetAsync(SeededKey, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (seeded > 0) TourLog.Seeded(Log, seeded);
    }

    public override async Task MaintainAsync(CancellationToken ct)
    {
        var db = await DbAsync();
        await HeartbeatAsync(db);
        if (!await db.KeyExistsAsync(SeededKey)) await LoadAsync(ct);
    }

    public override async Task FlushAsync(CancellationToken ct)
    {
        if (_dirty.IsEmpty) return;
        await _writing.WaitAsync(ct);
        try
        {
            var db = await DbAsync();
            foreach (var id in _dirty.Keys)
            {
                _dirty.TryRemove(id, out _);
                var rev = new Keys(id).Rev;
                var before = (long)await db.StringGetAsync(rev);
                if (await FindAsync(id, ct) is not { } tour) continue;
                await WriteAsync(tour, ct);
                // Another change (here or on another host) since the read: write again, so the store ends with the last state.
                if ((long)await db.StringGetAsync(rev) != before) _dirty[id] = 0;
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    public override async Task<IReadOnlyList<Tour>> SweepAsync(CancellationToken ct)
    {
        var db = await DbAsync();
        var now = Clock.GetUtcNow();
        var ended = new List<Tour>();
        foreach (var member in await db.SetMembersAsync(AllKey))
        {
            var id = member.ToString();
            if (await FindAsync(id, ct) is not { } tour)
            {
                await db.SetRemoveAsync(AllKey, id);
                continue;
            }
            if (tour.IsLive && now - tour.LastActivity >= Settings.IdleLimit)
            {
                if (await EndAsync(tour, ct)) ended.Add(tour);
            }
            else if (tour.Ended is { } at && now - at >= Settings.Keep)
            {
                var k = new Keys(id);
                await db.KeyDeleteAsync(new RedisKey[] { k.Info, k.Core, k.Active, k.Pupils, k.Present, k.Answers, k.Online, k.Rev });
                await db.ScriptEvaluateAsync(DropCode, new RedisKey[] { CodeKey(tour.Code) }, new RedisValue[] { id });
                await db.SetRemoveAsync(AllKey, id);
                _infos.TryRemove(id, out _);
                _dirty.TryRemove(id, out _);
                await DeleteKeptAsync(id, ct);
            }
        }
        return ended;
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is null) return;
        try
        {
            var redis = await _redis;
            await redis.GetDatabase().HashDeleteAsync(HostsKey, _host);
            await redis.DisposeAsync();
        }
        catch (RedisException)
        {
        }
    }

    /// <summary>Writes all of a tour (at start, or seeding from its snapshot); with <paramref name="onlyIfMissing"/>, only where Redis has none.</summary>
    private static async Task<bool> SeedAsync(IDatabase db, Tour tour, bool onlyIfMissing)
    {
        var k = new Keys(tour.Id);
        var t = db.CreateTransaction();
        if (onlyIfMissing) t.AddCondition(Condition.KeyNotExists(k.Core));
        List<TourPupil> pupils;
        List<TourAnswer> answers;
        string info, core;
        lock (tour.Gate)
        {
            pupils = [.. tour.Pupils];
            answers = [.. tour.Answers];
            info = JsonSerializer.Serialize(new TourInfo(tour.Id, tour.Code, tour.ExhibitionId, tour.ExhibitionVersion, tour.Exhibition, tour.Guide, tour.Created), Json);
            core = JsonSerializer.Serialize(new TourCore(tour.Stop, tour.Gathered, tour.Question, tour.ResultsShown, tour.Pointer, tour.Ended), Json);
        }
        _ = t.KeyDeleteAsync(new RedisKey[] { k.Pupils, k.Present, k.Answers });
        _ = t.StringSetAsync(k.Info, info);
        _ = t.StringSetAsync(k.Core, core);
        _ = t.StringSetAsync(k.Active, tour.LastActivity.ToUnixTimeMilliseconds());
        if (pupils.Count > 0) _ = t.HashSetAsync(k.Pupils, pupils.Select(p => new HashEntry(p.Id, JsonSerializer.Serialize(p, Json))).ToArray());
        if (pupils.Any(p => !p.Removed)) _ = t.SetAddAsync(k.Present, pupils.Where(p => !p.Removed).Select(p => (RedisValue)p.Id).ToArray());
        if (answers.Count > 0)
            _ = t.HashSetAsync(k.Answers, answers.Select(a => new HashEntry($"{a.Pupil}|{a.Stop}|{a.Question}", JsonSerializer.Serialize(a, Json))).ToArray());
        _ = t.SetAddAsync(AllKey, tour.Id);
        return await t.ExecuteAsync();
    }

    private async Task HeartbeatAsync(IDatabase db)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await db.HashSetAsync(HostsKey, _host, now + (long)HeartbeatLife.TotalMilliseconds);
        // Hosts long gone leave the list (their online counts stopped counting when their heartbeat ran out).
        foreach (var e in await db.HashGetAllAsync(HostsKey))
            if ((long)e.Value < now - (long)TimeSpan.FromHours(1).TotalMilliseconds) await db.HashDeleteAsync(HostsKey, e.Name);
        _alive = (new HashSet<string>(), 0);
    }

    /// <summary>Hosts whose heartbeat is current (read at most every 5 s); this host always.</summary>
    private async Task<HashSet<string>> AliveHostsAsync(IDatabase db)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (hosts, until) = _alive;
        if (now < until) return hosts;
        hosts = [.. (await db.HashGetAllAsync(HostsKey)).Where(e => (long)e.Value > now).Select(e => e.Name.ToString())];
        hosts.Add(_host);
        _alive = (hosts, now + 5000);
        return hosts;
    }

    private async Task<TourInfo?> InfoAsync(IDatabase db, string id) =>
        _infos.TryGetValue(id, out var info) ? info : Info(id, await db.StringGetAsync(new Keys(id).Info));

    private TourInfo? Info(string id, RedisValue raw)
    {
        if (raw.IsNull) return null;
        var info = Read<TourInfo>(raw);
        _infos[id] = info;
        return info;
    }

    private static Tour Build(TourInfo info, TourCore core, RedisValue active) => new()
    {
        Id = info.Id,
        Code = info.Code,
        ExhibitionId = info.ExhibitionId,
        ExhibitionVersion = info.ExhibitionVersion,
        Exhibition = info.Exhibition,
        Guide = info.Guide,
        Created = info.Created,
        LastActivity = active.TryParse(out long ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : info.Created,
        Stop = core.Stop,
        Gathered = core.Gathered,
        Question = core.Question,
        ResultsShown = core.ResultsShown,
        Pointer = core.Pointer,
        Ended = core.Ended,
    };

    private static T Read<T>(RedisValue raw) => JsonSerializer.Deserialize<T>((string)raw!, Json)!;

    private static bool ValidId(string? id) => id is { Length: > 0 and <= 32 } && id.All(char.IsAsciiHexDigitLower);

    private static RedisKey CodeKey(string code) => "qy:tours:code:" + code;

    /// <summary>A tour's keys, hash-tagged by its id (one slot on a Redis cluster, so that the scripts may touch them together).</summary>
    private readonly record struct Keys(string Id)
    {
        private string Prefix => "qy:tour:{" + Id + "}:";
        public RedisKey Info => Prefix + "info";
        public RedisKey Core => Prefix + "core";
        public RedisKey Active => Prefix + "active";
        public RedisKey Pupils => Prefix + "pupils";
        public RedisKey Present => Prefix + "present";
        public RedisKey Answers => Prefix + "answers";
        public RedisKey Online => Prefix + "online";
        public RedisKey Rev => Prefix + "rev";
    }

    /// <summary>What never changes in a tour.</summary>
    private sealed record TourInfo(string Id, string Code, string ExhibitionId, int ExhibitionVersion, Exhibition Exhibition, string Guide, DateTimeOffset Created);

    /// <summary>What the guide changes (compare-and-set as one JSON value).</summary>
    private sealed record TourCore(int Stop, bool Gathered, QuestionRef? Question, bool ResultsShown, TourPointer? Pointer, DateTimeOffset? Ended);
}
