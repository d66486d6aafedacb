using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Features.Tours;
using QyHeritage.Web.Tests.Accounts;
using QyHeritage.Web.Tests.Exhibitions;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Tours;

/// <summary>
/// Scale-out (issue 16): two hosts on one real redis-server (started here on 127.0.0.1) and one blob store (host B's
/// store is host A's folder). A guide on host A leads; pupils join and connect on host B.
/// </summary>
public class TourTwoHostTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_guide_on_one_host_moves_pupils_on_the_other_who_joined_with_its_code_and_whose_answers_reach_the_guide()
    {
        await using var redis = await RedisServer.StartAsync();
        var (dataA, a, b) = await StartHostsAsync(redis, "tour-host");
        await using var hostA = a;
        await using var hostB = b;
        Assert.IsType<RedisTourRegistry>(hostA.Services.GetRequiredService<TourRegistry>());

        // The guide signs in on A and starts the tour there.
        var name = "guide-" + Guid.NewGuid().ToString("N")[..6];
        var password = await StaffSession.CreateAsync(hostA, name, "guide");
        var cookies = new CookieContainer();
        using var guideHttp = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = hostA.Client.BaseAddress };
        using (var r = await StaffSession.PostSignInAsync(guideHttp, name, password)) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var token = JsonDocument.Parse(await guideHttp.GetStringAsync("/api/account/antiforgery")))
            guideHttp.DefaultRequestHeaders.Add(token.RootElement.GetProperty("headerName").GetString()!, token.RootElement.GetProperty("token").GetString());
        string tourId;
        using (var started = await guideHttp.PostAsync("/tours", new FormUrlEncodedContent([new("exhibition", ExhibitionSite.Id)])))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
            tourId = started.Headers.Location!.OriginalString.Split('/')[2];
        }
        var code = (await hostA.Services.GetRequiredService<TourRegistry>().FindAsync(tourId))!.Code;
        await using var guide = new HubConnectionBuilder().WithUrl(new Uri(hostA.Client.BaseAddress!, TourHub.Path), o => o.Cookies = cookies).Build();
        var present = new ConcurrentQueue<List<PresentPupil>>();
        var answers = new ConcurrentQueue<AnswerSummary>();
        guide.On<List<PresentPupil>>("pupils", p => present.Enqueue(p));
        guide.On<AnswerSummary>("answers", a => answers.Enqueue(a));
        await guide.StartAsync();
        Assert.Equal(1, (await guide.InvokeAsync<GuideView>("Lead", tourId)).Stop);

        // Two pupils join on B with the code A issued, and connect to B's hub.
        var pupils = new List<(HubConnection Hub, ConcurrentQueue<int> Moves, ConcurrentQueue<QuestionRef?> Questions)>();
        foreach (var pupilName in new[] { "小明", "阿芳" })
        {
            using var client = StaffSession.NewClient(hostB);
            var form = await client.GetStringAsync("/tours/join");
            using var joined = await client.PostAsync("/tours/join", new FormUrlEncodedContent(
                [new("__RequestVerificationToken", StaffSession.FormToken(form)), new("code", code), new("name", pupilName)]));
            Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
            var at = joined.Headers.Location!.OriginalString;
            Assert.StartsWith($"/tours/{tourId}/pupil#rejoin=", at);
            using (var page = await client.GetAsync(at[..at.IndexOf('#', StringComparison.Ordinal)]))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("data-stop=\"3\"", await page.Content.ReadAsStringAsync());
            }
            var hub = new HubConnectionBuilder().WithUrl(new Uri(hostB.Client.BaseAddress!, TourHub.Path)).Build();
            var moves = new ConcurrentQueue<int>();
            var questions = new ConcurrentQueue<QuestionRef?>();
            hub.On<int, bool>("moved", (stop, _) => moves.Enqueue(stop));
            hub.On<QuestionRef?>("question", q => questions.Enqueue(q));
            await hub.StartAsync();
            var view = await hub.InvokeAsync<PupilView>("Rejoin", Uri.UnescapeDataString(at[(at.IndexOf("#rejoin=", StringComparison.Ordinal) + 8)..]));
            Assert.Equal((1, pupilName), (view.Stop, view.Name));
            pupils.Add((hub, moves, questions));
        }

        try
        {
            // The guide on A sees both B pupils, online.
            await Until(() => present.LastOrDefault() is { Count: 2 } p && p.All(x => x.Online), "the guide on A sees the two pupils of B online");

            // The guide on A moves the tour; every pupil on B arrives at the stop.
            await guide.InvokeAsync("GoTo", tourId, 3);
            foreach (var (_, moves, _) in pupils) await Until(() => moves.Contains(3), "a pupil on B reached stop 3");
            await guide.InvokeAsync("GoTo", tourId, TourSite.QuestionStop);
            foreach (var (_, moves, _) in pupils) await Until(() => moves.LastOrDefault() == TourSite.QuestionStop, "a pupil on B reached the question's stop");
            // B answers a newcomer with the same stop: the state is shared, not B's own copy.
            Assert.Equal(TourSite.QuestionStop, (await hostB.Services.GetRequiredService<TourRegistry>().FindAsync(tourId))!.Stop);

            // A question opened on A reaches B; B's answers reach the guide on A.
            await guide.InvokeAsync("OpenQuestion", tourId, TourSite.QuestionStop, 0);
            foreach (var (hub, _, questions) in pupils)
            {
                await Until(() => questions.LastOrDefault() is { Index: 0 }, "the question reached a pupil on B");
                await hub.InvokeAsync("Answer", TourSite.QuestionStop, 0, new[] { 0 }, (string?)null);
            }
            await Until(() => answers.LastOrDefault() is { Answered: 2 } a && a.Counts[0] == 2, "the guide on A has both answers from B");
            Assert.Equal(["小明", "阿芳"], answers.Last().Answers!.Select(a => a.Name).Order(StringComparer.Ordinal));

            // The blob store holds the shared state a moment later (whichever host wrote it), for restarts.
            var kept = Path.Combine(dataA, "store", "tours", tourId + ".json");
            await Until(() => File.Exists(kept) && JsonDocument.Parse(File.ReadAllText(kept)).RootElement is var t &&
                t.GetProperty("stop").GetInt32() == TourSite.QuestionStop && t.GetProperty("answers").GetArrayLength() == 2, "the kept tour has the stop and the answers");
        }
        finally
        {
            foreach (var (hub, _, _) in pupils) await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task Join_guesses_spread_over_two_hosts_are_refused_after_the_limit_both_hosts_share()
    {
        await using var redis = await RedisServer.StartAsync();
        // Six joins a minute from an address, three wrong codes a minute for the site: each host alone would allow twice that.
        var (_, a, b) = await StartHostsAsync(redis, "tour-throttle", "--Qy:Tours:JoinsPerAddressPerMinute=6", "--Qy:Tours:WrongCodesPerMinute=3");
        await using var hostA = a;
        await using var hostB = b;
        Assert.IsType<RedisTourJoinThrottle>(hostA.Services.GetRequiredService<TourJoinThrottle>());
        var tour = await hostA.Services.GetRequiredService<TourRegistry>().StartAsync(TourSite.Story(), 1, "guide-throttle");
        var wrong = tour.Code == "000000" ? "000001" : "000000";
        var hosts = new[] { hostA, hostB };
        using var redisClient = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var db = redisClient.GetDatabase();

        // A class behind one address: joins alternate between the hosts; the seventh is refused, on either host.
        for (var i = 0; i < 6; i++)
        {
            using var joined = await JoinAsync(hosts[i % 2], tour.Code, $"学生{i}");
            Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        }
        foreach (var host in hosts) await AssertTooManyAsync(host, tour.Code);
        // The window lives in Redis with its minute to live, not on a host.
        var window = await db.KeyTimeToLiveAsync(RedisTourJoinThrottle.AddressPrefix + "127.0.0.1");
        Assert.InRange(window!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        // A minute later (the window's counter dropped), a guesser walks the code space over both hosts: three wrong
        // codes are told "no such tour", the fourth is refused on either host, and then even the right code waits.
        await db.KeyDeleteAsync(RedisTourJoinThrottle.AddressPrefix + "127.0.0.1");
        for (var i = 0; i < 3; i++)
        {
            using var guess = await JoinAsync(hosts[i % 2], wrong, "猜");
            Assert.Equal(HttpStatusCode.NotFound, guess.StatusCode);
        }
        await AssertTooManyAsync(hostB, wrong);
        await AssertTooManyAsync(hostA, tour.Code);
        Assert.InRange((await db.KeyTimeToLiveAsync(RedisTourJoinThrottle.WrongCodesKey))!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(6, (await hostB.Services.GetRequiredService<TourRegistry>().FindAsync(tour.Id))!.Pupils.Count);
    }

    /// <summary>Host A on a new data folder with the published story, host B on A's store, both on <paramref name="redis"/>.</summary>
    private static async Task<(string DataA, RunningHost A, RunningHost B)> StartHostsAsync(RedisServer redis, string prefix, params string[] extra)
    {
        var dataA = TestPaths.NewTempFolder(prefix + "-a");
        await TourSite.PublishStoryAsync(dataA);
        var dataB = TestPaths.NewTempFolder(prefix + "-b");
        Directory.CreateSymbolicLink(Path.Combine(dataB, "store"), Path.Combine(dataA, "store"));
        string[] args = ["--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00", "--Qy:WarmUpOnStart=false", $"--Qy:Tours:Redis={redis.Configuration}", .. extra];
        var hostA = await RunningHost.StartAsync(dataA, args);
        try
        {
            return (dataA, hostA, await RunningHost.StartAsync(dataB, args));
        }
        catch
        {
            await hostA.DisposeAsync();
            throw;
        }
    }

    private static async Task<HttpResponseMessage> JoinAsync(RunningHost host, string code, string name)
    {
        using var client = StaffSession.NewClient(host);
        var form = await client.GetStringAsync("/tours/join");
        return await client.PostAsync("/tours/join", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", StaffSession.FormToken(form)), new("code", code), new("name", name)]));
    }

    private static async Task AssertTooManyAsync(RunningHost host, string code)
    {
        using var refused = await JoinAsync(host, code, "再来");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("尝试次数过多", page);
        Assert.Contains("Too many attempts", page);
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out: " + what);
            await Task.Delay(50);
        }
    }
}
