using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Tours;

/// <summary>A guide and three pupils in separate browser contexts (one chromium for the class) on the real host.</summary>
public class TourBrowserTests(TourSite site) : IClassFixture<TourSite>
{
    private static readonly string[] Names = ["李小明", "Wang Fang", "陈 <b>静</b>"];

    private async Task<List<IPage>> JoinAllAsync(string code) =>
        [await site.JoinAsync(code, Names[0]), await site.JoinAsync(code, Names[1], 1024, 768), await site.JoinAsync(code, Names[2])];

    private static async Task AtStopAsync(IPage pupil, int stop)
    {
        await pupil.Locator($"#tour[data-shown='{stop}'][data-guide-stop='{stop}']").WaitForAsync(new() { Timeout = 20_000 });
        Assert.True(await pupil.Locator($"#stop-{stop}").IsVisibleAsync(), $"stop {stop} is not shown");
        Assert.Equal(1, await pupil.Locator("section.tour-stop:visible").CountAsync());
    }

    private static async Task EndAsync(IPage console)
    {
        await console.Locator("button[data-act=end]").ClickAsync();
        await console.Locator("button[data-act=end-confirm]").ClickAsync();
    }

    /// <summary>Polls a condition in the page (WaitForFunction evaluates strings, which the site's CSP refuses).</summary>
    private static async Task UntilAsync(IPage page, string condition, int timeoutMs = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await page.EvaluateAsync<bool>($"!!({condition})"))
        {
            if (DateTime.UtcNow > deadline)
            {
                var where = await page.EvaluateAsync<string>("JSON.stringify({ url: location.href, state: window.qyHall && window.qyHall.state, hall: document.getElementById('hall') && Object.assign({}, document.getElementById('hall').dataset), status: (document.querySelector('.hall-tour-live') || {}).textContent, scripts: [...document.scripts].map((x) => x.src) })");
                throw new TimeoutException($"{condition} did not become true in {timeoutMs} ms; the page: {where}");
            }
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Pupils_on_the_hall_the_panorama_and_the_plain_view_all_arrive_at_the_guide_s_stop()
    {
        var (console, code, tourId) = await site.StartTourAsync();
        var plain = await site.JoinAsync(code, "平面 Plain");
        var hall = await site.JoinAsync(code, "展厅 Hall", 1024, 768);
        var messages = new List<string>();
        hall.Console += (_, m) => { lock (messages) messages.Add($"{m.Type}: {m.Text} {m.Location}"); };
        hall.PageError += (_, e) => { lock (messages) messages.Add("error: " + e); };
        hall.RequestFailed += (_, r) => { lock (messages) messages.Add($"failed: {r.Url} {r.Failure}"); };
        hall.Response += (_, r) => { if (r.Status >= 400) lock (messages) messages.Add($"{r.Status}: {r.Url}"); };
        var panorama = await site.JoinAsync(code, "全景 Panorama");
        // The stop panoramas are rendered after the hall is compiled: the link appears once they are served.
        var round = panorama.Locator(".tour-views a[data-view=panorama]");
        await round.WaitForAsync(new() { Timeout = 300_000 });
        await round.ClickAsync();
        await panorama.Locator("#tour-panorama[data-stop='1'] canvas[data-state=ready]").WaitForAsync(new() { Timeout = 60_000 });
        // The hall is compiled and served: the pupil picks the hall view; the WebXR client opens in the same tab.
        var link = hall.Locator(".tour-views a[data-view=hall]");
        await link.WaitForAsync(new() { Timeout = 60_000 });
        await link.ClickAsync();
        await Arrival.AtAsync(hall, u => u.Contains($"/halls/{Exhibitions.ExhibitionSite.Id}?tour={tourId}", StringComparison.Ordinal));
        try
        {
            await UntilAsync(hall, "window.qyHall && window.qyHall.state === 'ready' && document.getElementById('hall').dataset.tourStop === '1'", 300_000);
        }
        catch (TimeoutException e)
        {
            lock (messages) throw new TimeoutException(e.Message + "; the hall page said: " + string.Join(" | ", messages), e);
        }
        Assert.Equal("1", await hall.Locator("#hall").GetAttributeAsync("data-tour-stop"));

        // The guide moves the tour: the plain pupil shows stop 3, the hall pupil's camera stands at stop 3 looking its way.
        await console.Locator("button[data-act=goto][data-stop='3']").ClickAsync();
        await AtStopAsync(plain, 3);
        await AtStopAsync(panorama, 3);
        await panorama.Locator("#tour-panorama[data-stop='3'] canvas[data-state=ready]").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("true", await round.GetAttributeAsync("aria-pressed"));
        await UntilAsync(hall, "window.qyHall.stop === 3");
        // The camera stands where the hall puts stop 3 once the fade is through.
        await UntilAsync(hall, "((p, c) => Math.abs(c[0] - p[0]) < 0.05 && Math.abs(c[2] - p[2]) < 0.05)(window.qyHall.stops.find((s) => s.n === 3).position, window.qyHall.camera)", 15_000);
        Assert.Contains("hostile", await hall.EvaluateAsync<string[]>("window.qyHall.visibleExhibits()")); // stop 3 is that exhibit
        await TourSite.ScreenshotAsync(hall, "pupil-hall-view");
        await TourSite.ScreenshotAsync(panorama, "pupil-panorama-view-390");

        // The pupil walks away in the hall; "gather" brings them back to the guide's stop.
        await hall.EvaluateAsync("window.qyHall.goToStop(1)");
        await UntilAsync(hall, "window.qyHall.stop === 1");
        await console.Locator("button[data-act=gather]").ClickAsync();
        await UntilAsync(hall, "window.qyHall.stop === 3");
        await AtStopAsync(plain, 3);
        await AtStopAsync(panorama, 3);
        // The panorama pupil switches to the plain view: the exhibit's image and text at the guide's stop, no panorama.
        await panorama.Locator(".tour-views button[data-view=plain]").ClickAsync();
        await panorama.Locator("#tour-panorama").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        Assert.Equal("true", await panorama.Locator(".tour-views button[data-view=plain]").GetAttributeAsync("aria-pressed"));
        Assert.Equal("false", await round.GetAttributeAsync("aria-pressed"));
        await AtStopAsync(panorama, 3);
        // Back to the tour page (questions, plain view), at the guide's stop.
        await hall.Locator(".hall-tour a[href$='/pupil']").ClickAsync();
        await AtStopAsync(hall, 3);
        await console.Context.CloseAsync();
        await plain.Context.CloseAsync();
        await hall.Context.CloseAsync();
        await panorama.Context.CloseAsync();
    }

    [Fact]
    public async Task The_guide_moves_the_tour_and_every_pupil_arrives_at_the_same_stop()
    {
        var (console, code, _) = await site.StartTourAsync();
        var pupils = await JoinAllAsync(code);
        await console.Locator("#tour-count", new() { HasText = "3" }).WaitForAsync();
        // Names are shown as typed, as text.
        Assert.Equal(Names.Order(), (await console.Locator("#tour-pupils .tour-pupil-name").AllInnerTextsAsync()).Order());
        Assert.Equal(0, await console.Locator("#tour-pupils b").CountAsync());
        foreach (var p in pupils) await AtStopAsync(p, 1);
        // The hub's transport is a WebSocket (allowed by the pages' connect-src 'self'), not a fallback.
        foreach (var p in pupils) lock (site.Sockets[p]) Assert.Contains(site.Sockets[p], u => u.StartsWith("ws://", StringComparison.Ordinal) && u.Contains("/hubs/tours", StringComparison.Ordinal));

        await console.Locator("button[data-act=next]").ClickAsync();
        foreach (var p in pupils) await AtStopAsync(p, 2);
        await console.Locator("button[data-act=goto][data-stop='5']").ClickAsync();
        foreach (var p in pupils) await AtStopAsync(p, 5);
        // The exhibit's region arrives from the Image API.
        var img = pupils[0].Locator("#stop-5 .tour-image img");
        Assert.Contains("/iiif/3/QY-LH-002~p001/1568,310,506,2810/", await img.GetAttributeAsync("src"));
        await pupils[0].WaitForFunctionAsync("() => { const i = document.querySelector('#stop-5 .tour-image img'); return i && i.complete && i.naturalWidth > 0; }");

        // A pupil looks around, then "gather" brings them back and holds them there.
        await pupils[0].Locator("#look-prev").ClickAsync();
        await pupils[0].Locator("#tour[data-shown='4']").WaitForAsync();
        Assert.True(await pupils[0].Locator("#look-back").IsVisibleAsync());
        await console.Locator("button[data-act=gather]").ClickAsync();
        foreach (var p in pupils) await AtStopAsync(p, 5);
        await pupils[0].Locator("#tour-notice:visible").WaitForAsync();
        Assert.True(await pupils[0].Locator("#look-prev").IsDisabledAsync());

        // The pointer: the guide clicks the image, every pupil sees the ring there.
        var box = (await console.Locator("#stop-5 .tour-image img").BoundingBoxAsync())!;
        await console.Mouse.ClickAsync(box.X + box.Width * 0.5f, box.Y + box.Height * 0.25f);
        foreach (var p in pupils) await p.Locator("#stop-5 .tour-pointer:visible").WaitForAsync();
        var top = await pupils[0].Locator("#stop-5 .tour-pointer").EvaluateAsync<string>("e => e.style.top");
        Assert.InRange(double.Parse(top.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture), 24, 26);

        await TourSite.ScreenshotAsync(console, "guide-console");
        await TourSite.ScreenshotAsync(pupils[0], "pupil-phone-390");
        await TourSite.ScreenshotAsync(pupils[1], "pupil-laptop");
        Assert.True(await pupils[0].EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the pupil's page is wider than a 390 px phone");

        // The guide removes a name: that pupil is told, the others stay.
        await console.Locator("#tour-pupils li", new() { HasText = Names[1] }).Locator("button[data-act=remove]").ClickAsync();
        await pupils[1].Locator("#tour-status[data-state=ended]").WaitForAsync();
        await console.Locator("#tour-count", new() { HasText = "2" }).WaitForAsync();

        await EndAsync(console);
        await pupils[0].Locator("#tour-status[data-state=ended]").WaitForAsync();
        foreach (var p in pupils.Append(console)) await p.Context.CloseAsync();
    }

    [Fact]
    public async Task A_question_is_answered_by_all_and_the_guide_sees_the_counts_then_shows_them()
    {
        var (console, code, tourId) = await site.StartTourAsync();
        var pupils = await JoinAllAsync(code);
        await console.Locator("#tour-count", new() { HasText = "3" }).WaitForAsync();
        await console.Locator($"button[data-act=goto][data-stop='{TourSite.QuestionStop}']").ClickAsync();
        await console.Locator($"#q-{TourSite.QuestionStop}-0 button[data-act=open-question]").ClickAsync();

        var choices = new[] { 0, 0, 1 };
        for (var i = 0; i < pupils.Count; i++)
        {
            var form = pupils[i].Locator($"#q-{TourSite.QuestionStop}-0");
            await form.WaitForAsync();
            await form.Locator($"input[name=choice][value='{choices[i]}']").CheckAsync();
            await form.Locator("button[type=submit]").ClickAsync();
            await form.Locator(".tour-answered", new() { HasText = "已提交" }).WaitForAsync();
        }
        // Pupils see no counts until the guide shows them.
        Assert.Equal(0, await pupils[0].Locator(".tour-count:visible").CountAsync());
        var guideForm = console.Locator($"#q-{TourSite.QuestionStop}-0");
        await guideForm.Locator(".tour-answered[data-answered='3']").WaitForAsync();
        Assert.Equal("2", await guideForm.Locator(".tour-count[data-choice='0']").InnerTextAsync());
        Assert.Equal("1", await guideForm.Locator(".tour-count[data-choice='1']").InnerTextAsync());
        Assert.Equal(3, await guideForm.Locator(".tour-answer-list li").CountAsync());
        await TourSite.ScreenshotAsync(console, "guide-answers");

        await guideForm.Locator("button[data-act=show-results]").ClickAsync();
        foreach (var p in pupils)
        {
            var form = p.Locator($"#q-{TourSite.QuestionStop}-0");
            await form.Locator(".tour-count[data-choice='0']:visible").WaitForAsync();
            Assert.Equal("2", await form.Locator(".tour-count[data-choice='0']").InnerTextAsync());
        }
        await TourSite.ScreenshotAsync(pupils[2], "pupil-results-phone");

        // The summary: names as typed and the answers, nothing else.
        var response = await console.Context.APIRequest.GetAsync(site.Url($"/tours/{tourId}/summary.csv"));
        Assert.Equal(200, response.Status);
        var csv = await response.TextAsync();
        Assert.Contains("\"李小明\",\"2\"", csv);
        Assert.Contains("\"陈 <b>静</b>\"", csv);
        Assert.Contains("\"珠江\"", csv);
        Assert.Equal(4, csv.Trim().Split("\r\n").Length);
        foreach (var p in pupils.Append(console)) await p.Context.CloseAsync();
    }

    [Fact]
    public async Task A_pupil_whose_connection_is_cut_comes_back_at_the_current_stop()
    {
        var (console, code, _) = await site.StartTourAsync();
        var pupil = await site.JoinAsync(code, "断线的学生");
        await console.Locator("#tour-count", new() { HasText = "1" }).WaitForAsync();
        await console.Locator("button[data-act=next]").ClickAsync();
        await AtStopAsync(pupil, 2);

        await pupil.Context.SetOfflineAsync(true);
        await pupil.Locator("#tour-status[data-state=reconnecting]").WaitForAsync(new() { Timeout = 45_000 });
        await console.Locator("#tour-pupils li.offline").WaitForAsync(new() { Timeout = 45_000 });
        await console.Locator("button[data-act=goto][data-stop='4']").ClickAsync();
        await console.Locator("#tour-status[data-stop='4']").WaitForAsync();
        await TourSite.ScreenshotAsync(pupil, "pupil-offline");
        Assert.Equal("2", await pupil.Locator("#tour").GetAttributeAsync("data-shown"));

        await pupil.Context.SetOfflineAsync(false);
        await AtStopAsync(pupil, 4);
        await pupil.Locator("#tour-status[data-state=connected]").WaitForAsync();
        await console.Locator("#tour-pupils li.online").WaitForAsync();
        await TourSite.ScreenshotAsync(pupil, "pupil-rejoined");

        // A reload (same tab: the token is in sessionStorage) rejoins at the current stop too.
        await pupil.ReloadAsync();
        await AtStopAsync(pupil, 4);
        await pupil.Context.CloseAsync();
        await console.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_code_and_an_ended_tour_s_code_are_refused_in_both_languages()
    {
        var page = await site.NewPageAsync(390, 844);
        await page.GotoAsync(site.Url("/tours/join"));
        await page.Locator("#code").FillAsync("000000");
        await page.Locator("#name").FillAsync("学生");
        var wrong = await page.RunAndWaitForResponseAsync(() => page.Locator("#join-form button[type=submit]").ClickAsync(), r => r.Url.EndsWith("/tours/join", StringComparison.Ordinal) && r.Request.Method == "POST");
        // A tour may by chance have 000000; then this test proves nothing about it, so say so.
        Assert.True(wrong.Status == 404, $"000000 answered {wrong.Status}");
        Assert.Contains("没有使用这个导览码的导览", await page.Locator("#join-problem").InnerTextAsync());
        Assert.Contains("No tour has this code", await page.Locator("#join-problem span[lang=en]").InnerTextAsync());
        await TourSite.ScreenshotAsync(page, "join-wrong-code");

        var (console, code, _) = await site.StartTourAsync();
        await EndAsync(console);
        await console.Locator("#tour[data-live=false]").WaitForAsync();
        await page.GotoAsync(site.Url("/tours/join?code=" + code));
        await page.Locator("#name").FillAsync("迟到的学生");
        var ended = await page.RunAndWaitForResponseAsync(() => page.Locator("#join-form button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(410, ended.Status);
        Assert.Contains("这次导览已经结束", await page.Locator("#join-problem").InnerTextAsync());

        // A name that is only spaces and control characters is refused; the form keeps the code.
        var (console2, code2, _) = await site.StartTourAsync();
        await page.GotoAsync(site.Url("/tours/join?code=" + code2));
        await page.Locator("#name").FillAsync("  \u200b ");
        var bad = await page.RunAndWaitForResponseAsync(() => page.Locator("#join-form button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, bad.Status);
        Assert.Equal(code2, await page.Locator("#code").InputValueAsync());
        foreach (var p in new[] { page, console, console2 }) await p.Context.CloseAsync();
    }

    [Fact]
    public async Task The_tour_pages_have_no_serious_or_critical_axe_violations()
    {
        var (console, code, _) = await site.StartTourAsync();
        var pupil = await site.JoinAsync(code, "无障碍");
        var join = await site.NewPageAsync(390, 844);
        await join.GotoAsync(site.Url("/tours/join"));
        var tours = await console.Context.NewPageAsync();
        await tours.GotoAsync(site.Url("/tours"));
        foreach (var (name, page) in new[] { ("guide-console", console), ("pupil", pupil), ("join", join), ("tours", tours) })
        {
            var result = await page.RunAxe();
            var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            await TourSite.ScreenshotAsync(page, "axe-" + name);
            Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
        }
        foreach (var p in new[] { console, pupil, join }) await p.Context.CloseAsync();
    }
}
