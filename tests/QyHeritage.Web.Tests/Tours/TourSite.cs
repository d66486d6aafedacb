using System.Net;
using Microsoft.Playwright;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Accounts;
using QyHeritage.Web.Tests.Exhibitions;
using QyHeritage.Web.Tests.Hosting;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Tours;

/// <summary>
/// The exhibition fixture's story, with two questions at its first exhibit (stop 2), published; the real host on
/// loopback; one headless chromium for the class. Stops: 1 溱水 (section), 2 gorge, 3 hostile, 4 湞陽茶山 (section), 5 chashan.
/// </summary>
public sealed class TourSite : IAsyncLifetime
{
    public const int QuestionStop = 2;
    private HeadlessChromium? _chromium;

    public RunningHost Host { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The WebSocket addresses each pupil's page opened (the hub's transport, under the page's CSP).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<IPage, List<string>> Sockets { get; } = new();

    public string Url(string path) => new Uri(Host.Client.BaseAddress!, path).ToString();

    public static Exhibition Story()
    {
        var story = ExhibitionSite.Story();
        var zhen = story.Sections[0];
        var gorge = zhen.Exhibits[0] with
        {
            Questions =
            [
                new TourQuestion(QuestionKind.Single, new Bilingual("溱水今天叫什么？", "What is the Zhen called today?"),
                    [new Bilingual("北江", "North River"), new Bilingual("珠江", "Pearl River"), new Bilingual("连江", "Lian River")], [0]),
                new TourQuestion(QuestionKind.Short, new Bilingual("湞陽今天是哪里？", "Where is Zhenyang today?"), ModelAnswer: new Bilingual("英德", "Yingde")),
            ],
        };
        return story with { Sections = [zhen with { Exhibits = [gorge, .. zhen.Exhibits.Skip(1)] }, .. story.Sections.Skip(1)] };
    }

    public async Task InitializeAsync()
    {
        var data = TestPaths.NewTempFolder("tours");
        await PublishStoryAsync(data);
        // The renderer on: the panorama view needs the stop panoramas. Asking for one at once compiles the hall, and a
        // compiled hall's pictures are rendered (minutes on a busy machine) while the class's other tests run.
        Host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00", "--Qy:Halls:Renderer=egl");
        using (var ask = new HttpRequestMessage(HttpMethod.Head, $"/halls/{ExhibitionSite.Id}/stops/1.jpg"))
            (await Host.Client.SendAsync(ask)).Dispose();
        // WebGL 2 on SwiftShader: the hall view pupil's page draws the hall.
        _chromium = await PagesSite.LaunchChromiumAsync(webGl: true);
        Browser = _chromium.Browser;
    }

    /// <summary>Two sample items and the story with questions, published, in <paramref name="data"/>.</summary>
    public static async Task PublishStoryAsync(string data)
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = false });
        var report = await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset("QY-RB-008", "QY-LH-002"));
        if (report.ItemsAdded != 2) throw new InvalidOperationException("the tour fixture's ingest failed: " + string.Join("; ", report.Problems));
        var store = new ExhibitionStore(archive);
        await store.SaveVersionAsync(Story(), "curator-li", "tour story");
        await store.PublishAsync(ExhibitionSite.Id, "curator-li");
    }

    public Task<IPage> NewPageAsync(int width = 1280, int height = 900, List<string>? dialogs = null) =>
        PagesSite.OpenPageAsync(Browser, width, height, dialogs);

    /// <summary>A guide signs in through the form, starts a tour of the story and lands on the console; returns the page and the join code.</summary>
    public async Task<(IPage Console, string Code, string TourId)> StartTourAsync(string role = "guide")
    {
        var name = role + "-" + Guid.NewGuid().ToString("N")[..6];
        var password = await StaffSession.CreateAsync(Host, name, role);
        var page = await NewPageAsync(1600, 1000);
        await page.GotoAsync(Url("/account/signin?returnUrl=%2Ftours"));
        await page.Locator("#userName").FillAsync(name);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#signin-form button[type=submit]").ClickAsync();
        await Arrival.AtAsync(page, u => u.EndsWith("/tours", StringComparison.Ordinal));
        await page.Locator("#start-tour button").ClickAsync();
        await Arrival.AtAsync(page, u => u.EndsWith("/guide", StringComparison.Ordinal));
        await page.Locator("#tour-status[data-stop]").WaitForAsync();
        var code = (await page.Locator("#tour-code").InnerTextAsync()).Trim();
        var tourId = (await page.Locator("#tour").GetAttributeAsync("data-tour"))!;
        return (page, code, tourId);
    }

    /// <summary>A pupil on a phone joins with the code and a name and waits to be connected.</summary>
    public async Task<IPage> JoinAsync(string code, string name, int width = 390, int height = 844)
    {
        var page = await NewPageAsync(width, height);
        var sockets = Sockets.GetOrAdd(page, _ => []);
        page.WebSocket += (_, ws) => { lock (sockets) sockets.Add(ws.Url); };
        await page.GotoAsync(Url("/tours/join?code=" + code));
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#join-form button[type=submit]").ClickAsync();
        await page.Locator("#tour-status[data-state=connected]").WaitForAsync();
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) => PagesSite.ScreenshotAsync(page, "tour-" + name);

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
    }
}
