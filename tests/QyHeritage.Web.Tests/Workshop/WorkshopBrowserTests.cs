using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
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
        await StaffSession.SignInPageAsync(page, site.Host, name, password);
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
        await Arrival.AtAsync(li, u => u.EndsWith($"/workshop/exhibitions/{Id}", StringComparison.Ordinal));
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
        await Arrival.LoadStateAsync(li, LoadState.NetworkIdle);
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
        // The preview shows the work as the public page would, before it is published.
        await li.Locator("#act-preview").ClickAsync();
        await Assertions.Expect(li.Locator("#preview-banner")).ToBeVisibleAsync();
        Assert.Equal(["x-qy-rb-008-p1", "x-qy-rb-008-p2", "x-qy-lh-002-p1"], await li.Locator("figure.exhibit").EvaluateAllAsync<string[]>("fs => fs.map(f => f.id)"));
        await li.GoBackAsync();
        await SavedAsync(li);
        await li.Locator("#act-publish").ClickAsync();
        await Assertions.Expect(li.Locator("#publish-state")).ToContainTextAsync("已发布", new() { Timeout = 30_000 });
        await SiteScreenshot(li, "workshop-editor-published");

        // A visitor sees the story: the exhibits in the new order, the first asking the image server for the dragged region.
        var visitor = await site.NewPageAsync(390, 844, dialogs);
        var images = new List<string>();
        visitor.Request += (_, r) => { if (r.Url.Contains("/iiif/3/", StringComparison.Ordinal)) lock (images) images.Add(r.Url); };
        var response = await visitor.GotoAsync(site.Url($"/exhibitions/{Id}"));
        Assert.Equal(200, response!.Status);
        await Arrival.LoadStateAsync(visitor, LoadState.NetworkIdle);
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

        // In English the editor speaks English only (the curators' texts stay as written).
        await wang.Locator(".lang-switch").ClickAsync();
        await SavedAsync(wang);
        await Assertions.Expect(wang.Locator("#save-state")).ToHaveTextAsync("Saved");
        await Assertions.Expect(wang.Locator("#tree-heading")).ToHaveTextAsync("Structure");
        await Assertions.Expect(wang.Locator(".tree-whole")).ToHaveTextAsync("Exhibition details");
        await Assertions.Expect(wang.Locator("label[for=f-title-zh]")).ToHaveTextAsync("Title (Chinese)");
        await SiteScreenshot(wang, "workshop-editor-english-phone");

        Assert.Empty(dialogs);
        await wang.Context.CloseAsync();
        await li.Context.CloseAsync();
    }

    [Fact]
    public async Task A_curator_takes_a_newer_item_version_reorders_by_drag_and_drop_and_writes_tour_questions()
    {
        // Published through the store, then QY-LH-002 is ingested again with a changed rights statement (its version 2).
        const string id = "pins-and-questions";
        var archive = site.Host.Services.GetRequiredService<ArchiveServices>();
        var store = new ExhibitionStore(archive);
        await store.SaveVersionAsync(new Exhibition(id, new Bilingual("问答与版本", "Questions and versions"), null, null, ExhibitionHalls.BeijiangGallery, null,
        [
            new ExhibitionSection("zhen", new Bilingual("溱水", "The Zhen"), null,
            [
                new Exhibit("gorge", "QY-RB-008", 1, ExhibitionSite.GorgeRegion, new Bilingual("溱水南入湞陽县", "The Zhen flows south")),
                new Exhibit("next-page", "QY-RB-008", 2, null, new Bilingual("次页", "The next page")),
            ]),
            new ExhibitionSection("tea", new Bilingual("茶山", "The Tea Mountain"), null,
            [
                new Exhibit("chashan", "QY-LH-002", 1, ExhibitionSite.TeaRegion, new Bilingual("湞陽县北五里有茶山", "The Tea Mountain")),
            ]),
        ]), "curator-li", "for the test");
        await store.PublishAsync(id, "curator-li");
        await site.ReingestWithNewRightsAsync("QY-LH-002");

        var dialogs = new List<string>();
        var zhao = await SignedInPageAsync("curator-zhao", dialogs);
        await zhao.GotoAsync(site.Url($"/workshop/exhibitions/{id}"));
        await SavedAsync(zhao);

        // The newer version is shown beside the exhibit it concerns; one click takes it for that exhibit alone.
        var newer = zhao.Locator("#newer-items li[data-exhibit=chashan]");
        await Assertions.Expect(newer).ToContainTextAsync("QY-LH-002");
        await Assertions.Expect(newer).ToContainTextAsync("展出第 1 版，现为第 2 版");
        await SiteScreenshot(zhao, "workshop-newer-item-version");
        await newer.Locator("button[data-act=take-newer]").ClickAsync();
        await Assertions.Expect(zhao.Locator("#newer-items")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(zhao.Locator("#announce")).ToContainTextAsync("已采用 QY-LH-002 第 2 版");
        await SavedAsync(zhao);
        var story = await site.Host.Client.GetStringAsync($"/exhibitions/{id}");
        Assert.Contains(ExhibitionSite.RightsCheckedAgain, story);
        Assert.Equal(2, (await store.GetPublishedAsync(id))!.Exhibits.Single(x => x.Id == "chashan").Source!.ItemVersion);

        // Drag and drop: the tea exhibit dragged onto the first exhibit goes before it, into the first section.
        Assert.Equal(["1.1 溱水南入湞陽县", "1.2 次页", "2.1 湞陽县北五里有茶山"], await TreeAsync(zhao));
        await zhao.Locator(".tree-exhibit").Nth(2).DragToAsync(zhao.Locator(".tree-exhibit").Nth(0));
        await Assertions.Expect(zhao.Locator("#announce")).ToContainTextAsync("已移动「湞陽县北五里有茶山」，现为第 1 单元第 1 件");
        Assert.Equal(["1.1 湞陽县北五里有茶山", "1.2 溱水南入湞陽县", "1.3 次页"], await TreeAsync(zhao));
        await SavedAsync(zhao);

        // Tour questions on the gorge exhibit: a single choice, a multiple choice (its missing right answer told in both
        // languages beside it, then mended) and a short answer that is removed again.
        await zhao.Locator(".tree-exhibit .tree-select").Nth(1).ClickAsync();
        await Assertions.Expect(zhao.Locator("#details legend code").First).ToHaveTextAsync("gorge");
        await zhao.Locator("[data-add-question=single]").ClickAsync();
        var q1 = zhao.Locator("li.question").Nth(0);
        Assert.Equal("prompt.zh", await zhao.EvaluateAsync<string>("() => document.activeElement?.dataset.q ?? ''"));
        await q1.GetByLabel("问题（中文）").FillAsync("溱水今称什么？");
        await q1.GetByLabel("问题（英文）").FillAsync("What is the Zhen called today?");
        await q1.Locator("li.choice").Nth(0).GetByLabel("选项（中文）").FillAsync("北江");
        await q1.Locator("li.choice").Nth(0).GetByLabel("选项（英文）").FillAsync("North River");
        await q1.Locator("li.choice").Nth(1).GetByLabel("选项（中文）").FillAsync("连江");
        Assert.Equal("radio", await q1.Locator("input[data-c=right]").First.GetAttributeAsync("type"));
        Assert.True(await q1.Locator("input[data-c=right]").First.IsCheckedAsync());

        await zhao.Locator("[data-add-question=multiple]").ClickAsync();
        var q2 = zhao.Locator("li.question").Nth(1);
        await q2.GetByLabel("问题（中文）").FillAsync("哪些是北江的支流？");
        await q2.Locator("[data-act=add-choice]").ClickAsync();
        foreach (var (i, zh) in new[] { (0, "珠江"), (1, "连江"), (2, "滃江") })
            await q2.Locator("li.choice").Nth(i).GetByLabel("选项（中文）").FillAsync(zh);
        await q2.Locator("input[data-c=right]").Nth(0).UncheckAsync();
        await Assertions.Expect(q2.Locator(".question-problems")).ToContainTextAsync("多选题至少有一个正确答案。 A multiple-choice question has at least one right answer.", new() { Timeout = 30_000 });
        await SiteScreenshot(zhao, "workshop-question-problem");
        await q2.Locator("input[data-c=right]").Nth(1).CheckAsync();
        await q2.Locator("input[data-c=right]").Nth(2).CheckAsync();
        await Assertions.Expect(q2.Locator(".question-problems")).ToBeHiddenAsync(new() { Timeout = 30_000 });

        await zhao.Locator("[data-add-question=short]").ClickAsync();
        var q3 = zhao.Locator("li.question").Nth(2);
        await q3.GetByLabel("问题（中文）").FillAsync("湞陽今在何处？");
        await Assertions.Expect(q3.Locator("[data-when=choice]")).ToBeHiddenAsync();
        await q3.GetByLabel("参考答案（中文，可空）").FillAsync("英德");
        await q3.Locator("[data-act=remove-question]").ClickAsync();
        await Assertions.Expect(zhao.Locator("li.question")).ToHaveCountAsync(2);
        await Assertions.Expect(zhao.Locator("#announce")).ToContainTextAsync("已删除第 3 题");
        await SavedAsync(zhao);

        // What was saved is what the tours read: the right answers by number, English where it was typed.
        var saved = await zhao.EvaluateAsync<string>($"() => fetch('/api/workshop/exhibitions/{id}').then(r => r.text())");
        var gorge = System.Text.Json.Nodes.JsonNode.Parse(saved)!["exhibition"]!["sections"]![0]!["exhibits"]![1]!;
        Assert.Equal("gorge", gorge["id"]!.GetValue<string>());
        var questions = gorge["questions"]!.AsArray();
        Assert.Equal(2, questions.Count);
        Assert.Equal(("single", "What is the Zhen called today?", "[0]"), (questions[0]!["kind"]!.GetValue<string>(), questions[0]!["prompt"]!["en"]!.GetValue<string>(), questions[0]!["answers"]!.ToJsonString()));
        Assert.Equal(("multiple", "[1,2]", "滃江"), (questions[1]!["kind"]!.GetValue<string>(), questions[1]!["answers"]!.ToJsonString(), questions[1]!["choices"]![2]!["zh"]!.GetValue<string>()));

        // After a reload the editor shows the order and the questions as saved; the editor stays axe-clean and fits a phone.
        await zhao.ReloadAsync();
        await SavedAsync(zhao);
        Assert.Equal(["1.1 湞陽县北五里有茶山", "1.2 溱水南入湞陽县", "1.3 次页"], await TreeAsync(zhao));
        await zhao.Locator(".tree-exhibit .tree-select").Nth(1).ClickAsync();
        await Assertions.Expect(zhao.Locator("li.question").Nth(1).GetByLabel("问题（中文）")).ToHaveValueAsync("哪些是北江的支流？");
        Assert.True(await zhao.Locator("li.question").Nth(1).Locator("input[data-c=right]").Nth(2).IsCheckedAsync());
        var axe = await zhao.RunAxe();
        var bad = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, string.Join("; ", bad.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
        await zhao.SetViewportSizeAsync(390, 844);
        await zhao.Locator("li.question").Nth(0).ScrollIntoViewIfNeededAsync();
        await SiteScreenshot(zhao, "workshop-questions-phone");
        Assert.True(await zhao.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the question editor scrolls sideways on a 390 px phone");

        // Publishing takes the questions and the new order.
        await zhao.Locator("#act-publish").ClickAsync();
        await Assertions.Expect(zhao.Locator("#announce")).ToContainTextAsync("已发布", new() { Timeout = 30_000 });
        var published = (await store.GetPublishedAsync(id))!;
        Assert.Equal(["chashan", "gorge", "next-page"], published.Exhibits.Select(x => x.Id));
        Assert.Equal([QuestionKind.Single, QuestionKind.Multiple], published.Exhibits.ElementAt(1).Questions!.Select(q => q.Kind));
        Assert.Empty(dialogs);
        await zhao.Context.CloseAsync();
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
