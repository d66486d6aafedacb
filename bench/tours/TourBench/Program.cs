// Live tours under load: TOURS tours × PUPILS simulated pupils (SignalR.Client, WebSockets) against the real host on
// loopback, run as its own process so that its CPU and memory can be read. For each round every guide moves their tour
// at once; the figure is the time from the guide's call to each pupil's receipt of "moved" (and to the last pupil of
// that tour). Then the host is killed (SIGKILL) and started again: the time until every pupil has rejoined on its own,
// at the stop it was at. Markdown on stdout. With "redis" last, two hosts share one redis-server (started here on
// 127.0.0.1) and one blob store (B's store is A's folder): the guides lead on A, the pupils alternate between A and B,
// and B is the host killed and restarted.
//   dotnet TourBench.dll REPO WORK [tours] [pupils] [rounds] [one|redis]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Ingest;

var inv = CultureInfo.InvariantCulture;
var repo = Path.GetFullPath(args[0]);
var work = Path.GetFullPath(args[1]);
var tourCount = args.Length > 2 ? int.Parse(args[2], inv) : 10;
var pupilsPerTour = args.Length > 3 ? int.Parse(args[3], inv) : 60;
var rounds = args.Length > 4 ? int.Parse(args[4], inv) : 20;
var scaleOut = args.Length > 5 && args[5] == "redis";
var hostDll = Path.Combine(repo, "curation-web", "bin", "Release", "net10.0", "QyHeritage.Web.dll");
var data = Path.Combine(work, "data");
if (Directory.Exists(data)) Directory.Delete(data, true);
Directory.CreateDirectory(data);

// 1. One item and a published exhibition of 2 sections × 3 exhibits (8 stops).
var subset = Path.Combine(work, "subset");
if (Directory.Exists(subset)) Directory.Delete(subset, true);
Directory.CreateDirectory(subset);
var sample = Path.Combine(repo, "assets", "sample-collection");
var lines = File.ReadAllLines(Path.Combine(sample, "items.csv"));
var rows = CsvTable.Parse(File.ReadAllText(Path.Combine(sample, "items.csv")), ["id", "folder"]);
var row = rows.First(r => r["id"] == "QY-RB-008");
File.WriteAllLines(Path.Combine(subset, "items.csv"), [lines[0], lines[row.Line - 1]]);
CopyFolder(Path.Combine(sample, row["folder"]), Path.Combine(subset, row["folder"]));
var archive = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = false });
await new IngestRunner(archive).RunAsync(subset);
var store = new ExhibitionStore(archive);
Exhibit X(string id, int page) => new(id, "QY-RB-008", page, null, new Bilingual("展品 " + id, "Exhibit " + id));
await store.SaveVersionAsync(new Exhibition("bench", new Bilingual("压力测试", "Bench"), null, null, ExhibitionHalls.BeijiangGallery, null,
[
    new ExhibitionSection("a", new Bilingual("甲", "A"), null, [X("a1", 1), X("a2", 2), X("a3", 1)]),
    new ExhibitionSection("b", new Bilingual("乙", "B"), null, [X("b1", 2), X("b2", 1), X("b3", 2)]),
]), "bench", "bench");
await store.PublishAsync("bench", "bench");

// 2. A guide account, through qy user.
const string guideName = "bench-guide", password = "bench-password-0123456789";
var add = Process.Start(new ProcessStartInfo("dotnet", [hostDll, "user", "add", guideName, "--role", "guide", "--password-stdin", $"--Qy:DataFolder={data}"])
    { RedirectStandardInput = true, RedirectStandardOutput = true })!;
await add.StandardInput.WriteLineAsync(password);
add.StandardInput.Close();
await add.WaitForExitAsync();

// 3. The host (or two hosts on one redis-server and one store).
Process? redis = null;
string[] shared = [];
if (scaleOut)
{
    var redisPort = FreePort();
    var redisDir = Path.Combine(work, "redis");
    Directory.CreateDirectory(redisDir);
    redis = Process.Start(new ProcessStartInfo("/usr/bin/redis-server", ["--bind", "127.0.0.1", "--port", redisPort.ToString(inv), "--save", "", "--appendonly", "no", "--dir", redisDir])
        { RedirectStandardOutput = true })!;
    redis.OutputDataReceived += (_, _) => { };
    redis.BeginOutputReadLine();
    await Task.Delay(500);
    shared = [$"--Qy:Tours:Redis=127.0.0.1:{redisPort}"];
}
var dataFolders = new List<string> { data };
if (scaleOut)
{
    var dataB = Path.Combine(work, "data-b");
    if (Directory.Exists(dataB)) Directory.Delete(dataB, true);
    Directory.CreateDirectory(dataB);
    Directory.CreateSymbolicLink(Path.Combine(dataB, "store"), Path.Combine(data, "store"));
    dataFolders.Add(dataB);
}
var baseUrls = dataFolders.Select(_ => new Uri($"http://127.0.0.1:{FreePort()}/")).ToList();
var baseUrl = baseUrls[0];
var hosts = new List<Process>();
for (var h = 0; h < dataFolders.Count; h++) hosts.Add(await StartHostAsync(h));

// 4. The guide signs in and starts the tours; pupils join through the form.
var guideCookies = new CookieContainer();
using var guide = new HttpClient(new HttpClientHandler { CookieContainer = guideCookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
await PostFormAsync(guide, "/account/signin", "/account/signin", new() { ["userName"] = guideName, ["password"] = password });
var tours = new List<(string Id, string Code)>();
for (var t = 0; t < tourCount; t++)
{
    var started = await PostFormAsync(guide, "/tours", "/tours", new() { ["exhibition"] = "bench" });
    var id = Regex.Match(started.Headers.Location!.OriginalString, "/tours/([0-9a-f]+)/guide").Groups[1].Value;
    var console = await guide.GetStringAsync($"/tours/{id}/guide");
    tours.Add((id, Regex.Match(console, "id=\"tour-code\"[^>]*>(\\d{6})<").Groups[1].Value));
}
var joinWatch = Stopwatch.StartNew();
var pupils = new List<Pupil>();
foreach (var (id, code) in tours)
{
    var clients = baseUrls.Select(u => new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = u }).ToList();
    for (var p = 0; p < pupilsPerTour; p++)
    {
        var on = p % baseUrls.Count;
        var joined = await PostFormAsync(clients[on], "/tours/join", "/tours/join", new() { ["code"] = code, ["name"] = $"学生{p}" });
        var at = joined.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"join answered {(int)joined.StatusCode}");
        pupils.Add(new Pupil(id, Uri.UnescapeDataString(at[(at.IndexOf("#rejoin=", StringComparison.Ordinal) + 8)..]), on));
    }
    foreach (var c in clients) c.Dispose();
}
var joinSeconds = joinWatch.Elapsed.TotalSeconds;
var connectWatch = Stopwatch.StartNew();
await Parallel.ForEachAsync(pupils, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (p, _) => await p.ConnectAsync(baseUrls[p.Host]));
var connectSeconds = connectWatch.Elapsed.TotalSeconds;
var guides = new Dictionary<string, HubConnection>();
foreach (var (id, _) in tours)
{
    var g = new HubConnectionBuilder().WithUrl(new Uri(baseUrl, "/hubs/tours"), o => o.Cookies = guideCookies).Build();
    await g.StartAsync();
    await g.InvokeAsync<object>("Lead", id);
    guides[id] = g;
}

// 5. Rounds of moves: every tour at once.
var cpuBefore = hosts.Select(CpuSeconds).ToList();
var redisCpuBefore = redis is null ? 0 : CpuSeconds(redis);
var roundWatch = Stopwatch.StartNew();
var each = new List<double>();
var last = new List<double>();
var dropped = 0;
var stop = 1;
for (var r = 0; r < rounds; r++)
{
    stop = stop % 8 + 1;
    var target = stop;
    foreach (var p in pupils) p.Expect(target);
    var moves = tours.Select(async t =>
    {
        var t0 = Stopwatch.GetTimestamp();
        await guides[t.Id].InvokeAsync("GoTo", t.Id, target);
        var mine = pupils.Where(p => p.Tour == t.Id).ToList();
        var done = await Task.WhenAll(mine.Select(p => p.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(a => a.IsCompletedSuccessfully ? a.Result : -1L)));
        lock (each)
        {
            foreach (var at in done)
            {
                if (at < 0) { dropped++; continue; }
                each.Add(Stopwatch.GetElapsedTime(t0, at).TotalMilliseconds);
            }
            if (done.All(a => a >= 0)) last.Add(Stopwatch.GetElapsedTime(t0, done.Max()).TotalMilliseconds);
        }
    });
    await Task.WhenAll(moves);
    await Task.Delay(300);
}
var moveSeconds = roundWatch.Elapsed.TotalSeconds;
var cpus = hosts.Select((h, i) => CpuSeconds(h) - cpuBefore[i]).ToList();
var redisCpu = redis is null ? 0 : CpuSeconds(redis) - redisCpuBefore;
var memory = hosts.Select(Memory).ToList();
var redisRss = redis is null ? 0 : Memory(redis).RssKb;

// 6. Kill the (last) host and start it again: every pupil it had reconnects and rejoins by itself.
await Task.Delay(1000); // the moves are written 0.3 s after the last one
foreach (var p in pupils) p.ResetRejoined();
var killed = hosts.Count - 1;
var stormPupils = pupils.Where(p => p.Host == killed).ToList();
hosts[killed].Kill();
await hosts[killed].WaitForExitAsync();
var restartWatch = Stopwatch.StartNew();
hosts[killed] = await StartHostAsync(killed);
var hostUp = restartWatch.Elapsed.TotalSeconds;
var rejoined = await Task.WhenAll(stormPupils.Select(p => p.Rejoined.Task.WaitAsync(TimeSpan.FromSeconds(120)).ContinueWith(a => a.IsCompletedSuccessfully ? a.Result : -1)));
var storm = restartWatch.Elapsed.TotalSeconds;
var rightStop = rejoined.Count(s => s == stop);
var (rss2, _) = Memory(hosts[killed]);
var cpu = cpus.Sum();

Console.WriteLine($"| tours × pupils | rounds | moves→receipts | p50 ms | p90 ms | p99 ms | max ms | last pupil p50 ms | last pupil p99 ms | dropped |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
Console.WriteLine(string.Create(inv, $"| {tourCount} × {pupilsPerTour}{(scaleOut ? ", 2 hosts + Redis" : "")} | {rounds} | {each.Count} | {P(each, 50):F1} | {P(each, 90):F1} | {P(each, 99):F1} | {each.DefaultIfEmpty().Max():F1} | {P(last, 50):F1} | {P(last, 99):F1} | {dropped} |"));
Console.WriteLine();
Console.WriteLine(string.Create(inv, $"- Joins through the form: {pupils.Count} in {joinSeconds:F1} s; hub connections with Rejoin: {connectSeconds:F1} s."));
Console.WriteLine(string.Create(inv, $"- Host{(hosts.Count > 1 ? "s" : "")} during the moves: {cpu:F2} s CPU over {moveSeconds:F1} s ({cpu / moveSeconds * 100:F0}% of one core{(hosts.Count > 1 ? $"; A {cpus[0]:F2} s, B {cpus[1]:F2} s" : "")}); RSS {string.Join(" + ", memory.Select(m => (m.RssKb / 1024.0).ToString("F0", inv)))} MiB, peak {string.Join(" + ", memory.Select(m => (m.PeakKb / 1024.0).ToString("F0", inv)))} MiB."));
if (redis is not null) Console.WriteLine(string.Create(inv, $"- redis-server during the moves: {redisCpu:F2} s CPU; RSS {redisRss / 1024.0:F0} MiB."));
Console.WriteLine(string.Create(inv, $"- Restart of {(hosts.Count > 1 ? "host B" : "the host")} (SIGKILL, start again): answering /health after {hostUp:F1} s; all {stormPupils.Count} of its pupils rejoined after {storm:F1} s ({rejoined.Count(s => s >= 0)} rejoined, {rightStop} at stop {stop}, the stop before the kill); RSS after {rss2 / 1024.0:F0} MiB."));
foreach (var h in hosts)
{
    h.Kill();
    await h.WaitForExitAsync();
}
foreach (var p in pupils) await p.DisposeAsync();
if (redis is not null)
{
    redis.Kill();
    await redis.WaitForExitAsync();
}
return;

async Task<Process> StartHostAsync(int index)
{
    var url = baseUrls[index];
    var process = Process.Start(new ProcessStartInfo("dotnet", [hostDll, "serve", $"--urls={url.ToString().TrimEnd('/')}", $"--Qy:DataFolder={dataFolders[index]}",
        "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00", "--Qy:Tours:JoinsPerAddressPerMinute=100000", "--Qy:Tours:MaxPupils=1000",
        "--Qy:WarmUpOnStart=false", "--Logging:LogLevel:Default=Warning", .. shared]) { RedirectStandardOutput = true })!;
    process.OutputDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
    for (var deadline = DateTime.UtcNow.AddMinutes(2); ; await Task.Delay(100))
    {
        try { if ((await probe.GetAsync("/health")).IsSuccessStatusCode) return process; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
        if (DateTime.UtcNow > deadline) throw new TimeoutException("the host did not start");
    }
}

static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
{
    var html = await client.GetStringAsync(formPage);
    fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"([^\"]+)\"").Groups[1].Value);
    var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
    if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"POST {action} answered {(int)response.StatusCode}");
    return response;
}

static double P(List<double> values, double percentile)
{
    if (values.Count == 0) return double.NaN;
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static double CpuSeconds(Process p)
{
    var fields = File.ReadAllText($"/proc/{p.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

static (long RssKb, long PeakKb) Memory(Process p)
{
    long Read(string key) => long.Parse(File.ReadLines($"/proc/{p.Id}/status").First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    return (Read("VmRSS"), Read("VmHWM"));
}

static int FreePort()
{
    using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
    l.Start();
    return ((IPEndPoint)l.LocalEndpoint).Port;
}

static void CopyFolder(string from, string to)
{
    Directory.CreateDirectory(to);
    foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    foreach (var d in Directory.GetDirectories(from)) CopyFolder(d, Path.Combine(to, Path.GetFileName(d)));
}

/// <summary>One simulated pupil: a hub connection that rejoins with its token after every reconnection.</summary>
sealed class Pupil(string tour, string token, int host) : IAsyncDisposable
{
    private HubConnection _hub = default!;
    private int _expected;

    public string Tour { get; } = tour;
    /// <summary>Which host the pupil joined and connects to.</summary>
    public int Host { get; } = host;
    public TaskCompletionSource<long> Arrived { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource<int> Rejoined { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task ConnectAsync(Uri baseUrl)
    {
        _hub = new HubConnectionBuilder().WithUrl(new Uri(baseUrl, "/hubs/tours"))
            .WithAutomaticReconnect(new Forever()).Build();
        _hub.On<int, bool>("moved", (stop, _) =>
        {
            if (stop == Volatile.Read(ref _expected)) Arrived.TrySetResult(Stopwatch.GetTimestamp());
        });
        _hub.Reconnected += async _ =>
        {
            var view = await _hub.InvokeAsync<View>("Rejoin", token);
            Rejoined.TrySetResult(view.Stop);
        };
        await _hub.StartAsync();
        await _hub.InvokeAsync<View>("Rejoin", token);
    }

    public void Expect(int stop)
    {
        Arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _expected, stop);
    }

    public void ResetRejoined() => Rejoined = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private sealed record View(int Stop);

    private sealed class Forever : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext c) => TimeSpan.FromMilliseconds(Math.Min(500 * Math.Pow(2, c.PreviousRetryCount), 5000) * (0.5 + Random.Shared.NextDouble()));
    }
}
