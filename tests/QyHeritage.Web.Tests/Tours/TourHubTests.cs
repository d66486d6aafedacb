using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Features.Tours;
using QyHeritage.Web.Tests.Accounts;
using QyHeritage.Web.Tests.Exhibitions;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Tours;

/// <summary>The tour hub and join form without a browser: SignalR.Client as a pupil, plain HTTP for joins, restarts of the host.</summary>
public partial class TourHubTests
{
    private static async Task<string> PublishedDataAsync(string name)
    {
        var data = TestPaths.NewTempFolder(name);
        await TourSite.PublishStoryAsync(data);
        return data;
    }

    /// <summary>A guide starts a tour through POST /tours; returns the tour.</summary>
    private static async Task<Tour> StartTourAsync(RunningHost host)
    {
        using var guide = await StaffSession.SignedInAsync(host, "guide");
        using var started = await guide.PostAsync("/tours", new FormUrlEncodedContent([new("exhibition", ExhibitionSite.Id)]));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var id = GuidePath().Match(started.Headers.Location!.OriginalString).Groups[1].Value;
        return (await host.Services.GetRequiredService<TourRegistry>().FindAsync(id))!;
    }

    /// <summary>Joins through the form as a browser would; the answer, and the rejoin token when it let the pupil in.</summary>
    private static async Task<(HttpResponseMessage Response, string? Token)> JoinAsync(HttpClient client, string code, string name)
    {
        var form = await client.GetStringAsync("/tours/join");
        var response = await client.PostAsync("/tours/join", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", StaffSession.FormToken(form)), new("code", code), new("name", name)]));
        var token = response.Headers.Location?.OriginalString is { } at && at.Contains("#rejoin=", StringComparison.Ordinal)
            ? Uri.UnescapeDataString(at[(at.IndexOf("#rejoin=", StringComparison.Ordinal) + 8)..])
            : null;
        return (response, token);
    }

    private static HubConnection Pupil(RunningHost host) =>
        new HubConnectionBuilder().WithUrl(new Uri(host.Client.BaseAddress!, TourHub.Path)).Build();

    [Fact]
    public async Task A_pupil_calling_guide_methods_on_the_hub_is_refused_and_cannot_flood_it()
    {
        await using var host = await RunningHost.StartAsync(await PublishedDataAsync("tour-hub"), "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        var tour = await StartTourAsync(host);
        using var anonymous = StaffSession.NewClient(host);
        var (joined, token) = await JoinAsync(anonymous, tour.Code, "小李");
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.NotNull(token);

        await using var pupil = Pupil(host);
        await pupil.StartAsync();
        var view = await pupil.InvokeAsync<PupilView>("Rejoin", token);
        Assert.Equal(1, view.Stop);
        Assert.Equal("小李", view.Name);

        foreach (var (method, args) in new (string, object?[])[]
        {
            ("GoTo", [tour.Id, 3]), ("Next", [tour.Id]), ("Gather", [tour.Id]), ("OpenQuestion", [tour.Id, TourSite.QuestionStop, 0]),
            ("ShowResults", [tour.Id]), ("Point", [tour.Id, 1, 0.5, 0.5]), ("RemovePupil", [tour.Id, "x"]), ("End", [tour.Id]), ("Lead", [tour.Id]),
        })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => pupil.InvokeCoreAsync(method, typeof(object), args));
            Assert.Contains("unauthorized", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(1, tour.Stop);
        Assert.True(tour.IsLive);

        // A forged rejoin token gets nowhere.
        await using (var stranger = Pupil(host))
        {
            await stranger.StartAsync();
            var refused = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<PupilView>("Rejoin", tour.Id + ".forged"));
            Assert.Contains("无法重新加入", refused.Message);
        }

        // A flood of answers is cut to a few a second, in both languages.
        var refusals = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            try { await pupil.InvokeAsync("Answer", TourSite.QuestionStop, 0, new[] { 0 }, (string?)null); }
            catch (HubException e) { refusals.Add(e.Message); }
        }
        Assert.Contains(refusals, m => m.Contains("发送太频繁", StringComparison.Ordinal) && m.Contains("Too many messages", StringComparison.Ordinal));
        Assert.Empty(tour.Answers); // no question was open either
    }

    [Fact]
    public async Task A_curator_makes_a_guide_account_and_another_guide_cannot_lead_someone_else_s_tour()
    {
        await using var host = await RunningHost.StartAsync(await PublishedDataAsync("tour-guides"), "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        using var curator = await StaffSession.SignedInAsync(host, "curator");
        var form = await curator.GetStringAsync("/tours");
        using var made = await curator.PostAsync("/tours/guides", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", StaffSession.FormToken(form)), new("userName", "张老师")]));
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var password = WebUtility.HtmlDecode(PasswordShown().Match(await made.Content.ReadAsStringAsync()).Groups[1].Value);
        using var teacher = await StaffSession.SignInAsync(host, "张老师", password);
        // A guide cannot make accounts.
        using (var refused = await teacher.PostAsync("/tours/guides", new FormUrlEncodedContent([new("userName", "李老师")])))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // The teacher's own tour is theirs; another guide's is not, on the hub or for the summary.
        var other = await StartTourAsync(host);
        using (var csv = await teacher.GetAsync($"/tours/{other.Id}/summary.csv"))
            Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
        var cookies = new CookieContainer();
        using var signedIn = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.Client.BaseAddress };
        using (var r = await StaffSession.PostSignInAsync(signedIn, "张老师", password)) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(host.Client.BaseAddress!, TourHub.Path), o => o.Cookies = cookies).Build();
        await hub.StartAsync();
        var refusal = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("GoTo", other.Id, 2));
        Assert.Contains("只有本次导览的向导", refusal.Message);
        Assert.Equal(1, other.Stop);
    }

    [Fact]
    public async Task Joins_are_limited_per_address_with_a_bilingual_429()
    {
        await using var host = await RunningHost.StartAsync(await PublishedDataAsync("tour-join-address"), "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00",
            "--Qy:Tours:JoinsPerAddressPerMinute=3");
        var tour = await StartTourAsync(host);
        using var client = StaffSession.NewClient(host);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(client, tour.Code, $"学生{i}")).Response.StatusCode);
        var (refused, token) = await JoinAsync(client, tour.Code, "学生3");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Null(token);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("尝试次数过多", html);
        Assert.Contains("Too many attempts", html);
    }

    [Fact]
    public async Task Guessing_codes_spends_the_code_space_allowance_and_then_even_a_right_code_waits()
    {
        await using var host = await RunningHost.StartAsync(await PublishedDataAsync("tour-join-space"), "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00",
            "--Qy:Tours:WrongCodesPerMinute=3");
        var tour = await StartTourAsync(host);
        using var client = StaffSession.NewClient(host);
        var wrong = tour.Code == "123456" ? "654321" : "123456";
        for (var i = 0; i < 3; i++)
        {
            var (r, _) = await JoinAsync(client, wrong, "猜");
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Contains("No tour has this code", await r.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await JoinAsync(client, wrong, "猜")).Response.StatusCode);
        // No oracle: the right code is refused the same way until the minute is over.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await JoinAsync(client, tour.Code, "学生")).Response.StatusCode);
    }

    [Fact]
    public async Task A_tour_survives_a_restart_of_the_host_and_its_pupil_rejoins_at_the_same_stop()
    {
        var data = await PublishedDataAsync("tour-restart");
        string id, token;
        await using (var first = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00"))
        {
            var tour = await StartTourAsync(first);
            id = tour.Id;
            using var client = StaffSession.NewClient(first);
            token = (await JoinAsync(client, tour.Code, "王芳")).Token!;
            // One host and no Redis: the tours live in the host's memory.
            Assert.IsType<MemoryTourRegistry>(first.Services.GetRequiredService<TourRegistry>());
            Assert.NotNull(await first.Services.GetRequiredService<TourRegistry>().ChangeAsync(tour.Id, t => t.Stop = 4));
        }
        await using var second = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        var again = await second.Services.GetRequiredService<TourRegistry>().FindAsync(id);
        Assert.NotNull(again);
        Assert.Equal(4, again.Stop);
        Assert.Same(again, await second.Services.GetRequiredService<TourRegistry>().FindLiveByCodeAsync(again.Code));
        await using var pupil = Pupil(second);
        await pupil.StartAsync();
        var view = await pupil.InvokeAsync<PupilView>("Rejoin", token);
        Assert.Equal(4, view.Stop);
        Assert.Equal("王芳", view.Name);
    }

    [Fact]
    public async Task An_idle_tour_ends_by_itself_and_is_deleted_with_its_answers_after_the_keeping_time()
    {
        var data = await PublishedDataAsync("tour-idle");
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = data });
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-06T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var settings = new TourSettings { IdleMinutes = 30, KeepDays = 2 };
        var tours = new MemoryTourRegistry(archive, settings, NullLogger<MemoryTourRegistry>.Instance) { Clock = clock };
        var published = (await new ExhibitionStore(archive).GetPublishedAsync(ExhibitionSite.Id))!;
        var tour = await tours.StartAsync(published, 2, "guide-zhao");
        Assert.Equal(5, tour.Stops.Count);
        Assert.Equal([null, "gorge", "hostile", null, "chashan"], tour.Stops.Select(s => s.Exhibit?.Id));

        clock.Now += TimeSpan.FromMinutes(29);
        Assert.Empty(await tours.SweepAsync(default));
        clock.Now += TimeSpan.FromMinutes(2);
        Assert.Equal([tour], await tours.SweepAsync(default));
        Assert.Null(await tours.FindLiveByCodeAsync(tour.Code));
        Assert.True(await tours.EndedWithCodeAsync(tour.Code));
        await tours.FlushAsync(default);
        Assert.True(await archive.Store.ExistsAsync(QyHeritage.Archive.Storage.BlobKey.Combine(TourRegistry.Root, tour.Id + ".json")));

        clock.Now += TimeSpan.FromDays(2);
        await tours.SweepAsync(default);
        Assert.Null(await tours.FindAsync(tour.Id));
        Assert.False(await archive.Store.ExistsAsync(QyHeritage.Archive.Storage.BlobKey.Combine(TourRegistry.Root, tour.Id + ".json")));
    }

    [Theory]
    [InlineData("  李\u200b小明  ", "李小明")]
    [InlineData("Cafe\u0301", "Café")]
    [InlineData("a\tb\nc", "a b c")]
    [InlineData("\u0007", null)]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五", null)]
    public void Display_names_are_normalised_and_length_limited(string typed, string? kept) =>
        Assert.Equal(kept, TourNames.CleanName(typed, 24));

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [GeneratedRegex("id=\"guide-password\">([^<]+)<")]
    private static partial Regex PasswordShown();

    [GeneratedRegex("^/tours/([0-9a-f]+)/guide$")]
    private static partial Regex GuidePath();
}
