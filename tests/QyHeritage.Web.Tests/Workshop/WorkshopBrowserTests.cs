using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using QyHeritage.Web.Tests.Accounts;
using QyHeritage.Web.Tests.Exhibitions;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Workshop;

/// <summary>
/// The curator's workshop in headless Debian chromium against the real host: a curator makes an exhibition from two items
/// (a region dragged on the deep-zoom image, one exhibit from a search, one from the item page), reorders by keyboard and
/// publishes; a visitor sees the story with that region; a second curator's stale save is told of the conflict.
/// </summary>
public partial class WorkshopBrowserTests(ExhibitionSite site) : IClassFixture<ExhibitionSite>
{
    private const string Id = "north-river-tea";

    private async Task<IPage> SignedInPageAsync(string name, List<string> dialogs, int width = 1280)
    {
        var password = await StaffSession.CreateAsync(site.Host, name, "curator");
        var page = await site.NewPageAsync(width, 900, dialogs);
        await page.GotoAsync(site.Url("/account/signin?returnUrl=%2Fworkshop"));
        await page.GetByLabel("用户名").FillAsync(name);
        await page.GetByLabel("密码").FillAsync(password);
        await page.Locator("form button[type=submit]").Last.ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith("/workshop", StringComparison.Ordinal));
        return page;
    }

    private static Task SavedAsync(IPage page) =>
        Assertions.Expect(page.Locator("#save-state")).ToHaveAttributeAsync("data-state", "saved", new() { Timeout = 30_000 });

    private static async Task<IReadOnlyList<string>> TreeAsync(IPage page) =>
        (await page.Locator(".tree-exhibit > .tree-row > .tree-select").AllInnerTextsAsync()).ToList();

    [Fact]
    public async Task A_curator_builds_reorders_and_publishes_an_exhibition_a_visitor_sees_the_chosen_region_and_a_stale_save_is_told_of_the_conflict()
    {
        await WaitForSearchAsync("茶山", "QY-LH-002");
        var dialogs = new List<string>();
        var li = await SignedInPageAsync("curator-li", dialogs);

        await Assertions.Expect(li.Locator(".site-nav a[href='/workshop']")).ToBeVisibleAsync();
        // Create from the list page's form; the editor opens on the new exhibition.
        await li.Locator("#new-id").FillAsync(Id);
        await li.Locator("#new-zh").FillAsync("北江与茶");
        await li.Locator("#new-en").FillAsync("The North River and tea");
        await li.Locator(".workshop-new button[type=submit]").ClickAsync();
        await li.WaitForURLAsync(u => u.EndsWith($"/workshop/exhibitions/{Id}", StringComparison.Ordinal));
        await SavedAsync(li);
        await li.Locator("#add-section").ClickAsync();
        await Assertions.Expect(li.Locator("#announce")).ToContainTextAsync("已添加第 1 单元");

        // 1: by identifier, then its region dragged on the deep-zoom image.
        await li.Locator("#add-item").FillAsync("QY-RB-008");
        await li.Locator("#add-page").FillAsync("1");
        await li.Locator("#add-by-id button[type=submit]").ClickAsync();
        await Assertions.Expect(li.Locator("#details legend code")).ToHaveTextAsync("qy-rb-008-p1");
        var viewer = li.Locator("#details .region-viewer");
        await li.WaitForFunctionAsync("() => document.querySelector('#details .region-viewer canvas') !== null");
        await li.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await li.Locator("[data-act=draw-region]").ClickAsync();
        await viewer.ScrollIntoViewIfNeededAsync();
        var box = (await viewer.BoundingBoxAsync())!;
        await li.Mouse.MoveAsync(box.X + box.Width * 0.35f, box.Y + box.Height * 0.2f);
        await li.Mouse.DownAsync();
        await li.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height * 0.5f, new() { Steps = 8 });
        await li.Mouse.MoveAsync(box.X + box.Width * 0.6f, box.Y + box.Height * 0.7f, new() { Steps = 8 });
        await li.Mouse.UpAsync();
        await Assertions.Expect(li.Locator("[data-act=draw-region]")).ToHaveAttributeAsync("aria-pressed", "false");
        var region = string.Join(",", await Task.WhenAll(new[] { "x", "y", "w", "h" }.Select(k => li.Locator($"input[data-region={k}]").InputValueAsync())));
        Assert.Matches(RegionPattern(), region);
        Assert.All(region.Split(',').Skip(2), n => Assert.True(int.Parse(n) > 100, $"the dragged region {region} is too small"));
        await Assertions.Expect(li.Locator("#announce")).ToContainTextAsync(region);
        Assert.Equal(1, await li.Locator("#details .region-box").CountAsync());
        await SavedAsync(li);
        await SiteScreenshot(li, "workshop-region-dragged");

        // The numeric fields drive the same region: nudge x by one pixel and back.
        var x = li.Locator("input[data-region=x]");
        var x0 = await x.InputValueAsync();
        await x.FillAsync((int.Parse(x0) + 1).ToString());
        await SavedAsync(li);
        await x.FillAsync(x0);
        await SavedAsync(li);

        // 2: from a search of the collection.
        await li.Locator("#add-q").FillAsync("茶山");
        await li.Locator("#add-search button[type=submit]").ClickAsync();
        await li.Locator("#search-results button[aria-label*='QY-LH-002']").First.ClickAsync();
        await Assertions.Expect(li.Locator("#details legend code")).ToHaveTextAsync(new Regex("^qy-lh-002-p"));
        await SavedAsync(li);

        // 3: from the item page's "add to exhibition…" (a curator sees it), choosing this exhibition.
        await li.GotoAsync(site.Url("/items/QY-RB-008/p/2"));
        Assert.EndsWith("/workshop?add=QY-RB-008&page=2", await li.Locator("#add-to-exhibition").GetAttributeAsync("href"));
        await li.Locator("#add-to-exhibition").ClickAsync();
        await Assertions.Expect(li.Locator("#add-target")).ToContainTextAsync("QY-RB-008 第 2 页");
        Assert.EndsWith($"/workshop/exhibitions/{Id}?add=QY-RB-008&page=2", await li.Locator($"#workshop-list tr[data-exhibition={Id}] a").First.GetAttributeAsync("href"));
        await li.Locator($"#workshop-list tr[data-exhibition={Id}] a").First.ClickAsync();
        await Assertions.Expect(li.Locator("#details legend code")).ToHaveTextAsync("qy-rb-008-p2");
        await SavedAsync(li);
        var before = await TreeAsync(li);
        Assert.Equal(3, before.Count);
        Assert.StartsWith("1.3", before[2]);

        // A hostile label is text in the editor, too.
        await li.Locator("#f-label-zh").FillAsync(ExhibitionSite.Hostile);
        await SavedAsync(li);
        Assert.Contains(ExhibitionSite.Hostile, (await TreeAsync(li))[2]);

        // Reorder by keyboard: the third exhibit up one place with Alt+↑, announced.
        await li.Locator(".tree-exhibit .tree-select").Nth(2).FocusAsync();
        await li.Keyboard.PressAsync("Alt+ArrowUp");
        await Assertions.Expect(li.Locator("#announce")).ToContainTextAsync("上移");
        var after = await TreeAsync(li);
        Assert.Contains(ExhibitionSite.Hostile, after[1]);
        Assert.Equal(before[1][4..], after[2][4..]);
        Assert.Equal("true", await li.EvaluateAsync<string>("() => String(document.activeElement?.classList.contains('tree-select'))"));
        await SavedAsync(li);

        // The editor is axe-clean (serious and critical) and usable on a phone.
        var axe = await li.RunAxe();
        var bad = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, string.Join("; ", bad.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
        await li.Locator("#act-publish").ClickAsync();
        await Assertions.Expect(li.Locator("#publish-state")).ToContainTextAsync("已发布", new() { Timeout = 30_000 });
        await SiteScreenshot(li, "workshop-editor-published");

        // A visitor sees the story: the exhibits in the new order, the first asking the image server for the dragged region.
        var visitor = await site.NewPageAsync(390, 844, dialogs);
        var images = new List<string>();
        visitor.Request += (_, r) => { if (r.Url.Contains("/iiif/3/", StringComparison.Ordinal)) lock (images) images.Add(r.Url); };
        var response = await visitor.GotoAsync(site.Url($"/exhibitions/{Id}"));
        Assert.Equal(200, response!.Status);
        await visitor.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(["x-qy-rb-008-p1", "x-qy-rb-008-p2"], (await visitor.Locator("figure.exhibit").EvaluateAllAsync<string[]>("fs => fs.map(f => f.id)")).Take(2));
        Assert.Equal(region, await visitor.Locator("#x-qy-rb-008-p1").GetAttributeAsync("data-region"));
        lock (images) Assert.Contains(images, u => u.Contains($"/iiif/3/QY-RB-008~p001/{region}/", StringComparison.Ordinal));
        Assert.True(await visitor.Locator("#x-qy-rb-008-p1 img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the region image did not load");
        Assert.Equal(ExhibitionSite.Hostile, await visitor.Locator("#x-qy-rb-008-p2 h3 span[lang=zh]").InnerTextAsync());
        Assert.Equal(0, await visitor.Locator("a[href^='/workshop']").CountAsync()); // no way into the workshop for a visitor
        await SiteScreenshot(visitor, "workshop-published-story-phone");
        await visitor.Context.CloseAsync();

        // Two curators on one exhibition: Wang opens it, Li saves a change, Wang's save (based on the older revision) is refused.
        var wang = await SignedInPageAsync("curator-wang", dialogs, width: 390);
        // The list, on a phone: who changed what last; axe-clean.
        await Assertions.Expect(wang.Locator($"#workshop-list tr[data-exhibition={Id}]")).ToContainTextAsync("curator-li");
        await Assertions.Expect(wang.Locator($"#workshop-list tr[data-exhibition={Id}]")).ToContainTextAsync("已发布（第 3 版）");
        var listAxe = await wang.RunAxe();
        Assert.DoesNotContain(listAxe.Violations, v => v.Impact is "serious" or "critical");
        await SiteScreenshot(wang, "workshop-list-phone");
        await wang.GotoAsync(site.Url($"/workshop/exhibitions/{Id}"));
        await SavedAsync(wang);
        await li.Locator(".tree-whole").ClickAsync();
        await li.Locator("#f-subtitle-zh").FillAsync("李的副标题");
        await SavedAsync(li);
        await wang.Locator("#f-subtitle-zh").FillAsync("王的副标题");
        await Assertions.Expect(wang.Locator("#save-state")).ToHaveAttributeAsync("data-state", "conflict", new() { Timeout = 30_000 });
        await Assertions.Expect(wang.Locator("#conflict")).ToBeVisibleAsync();
        await Assertions.Expect(wang.Locator("#conflict-text")).ToContainTextAsync("curator-li");
        await Assertions.Expect(wang.Locator("#conflict-theirs")).ToContainTextAsync("北江与茶");
        await SiteScreenshot(wang, "workshop-conflict-phone");
        Assert.True(await wang.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the editor scrolls sideways on a 390 px phone");
        // Loading theirs shows Li's text and saving can go on.
        await wang.Locator("#conflict-load").ClickAsync();
        await Assertions.Expect(wang.Locator("#conflict")).ToBeHiddenAsync();
        await Assertions.Expect(wang.Locator("#f-subtitle-zh")).ToHaveValueAsync("李的副标题");
        await SavedAsync(wang);

        Assert.Empty(dialogs);
        await wang.Context.CloseAsync();
        await li.Context.CloseAsync();
    }

    private async Task WaitForSearchAsync(string q, string item)
    {
        for (var deadline = DateTime.UtcNow.AddMinutes(2); !(await site.Host.Client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString(q))).Contains(item); await Task.Delay(250))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the host did not index the fixture's items");
        }
    }

    private static Task SiteScreenshot(IPage page, string name) => PagesSite.ScreenshotAsync(page, name);

    [GeneratedRegex(@"^\d+,\d+,\d+,\d+$")]
    private static partial Regex RegionPattern();
}
