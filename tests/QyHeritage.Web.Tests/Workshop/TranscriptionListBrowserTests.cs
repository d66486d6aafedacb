using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Features.Workshop;
using QyHeritage.Web.Tests.Accounts;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Workshop;

/// <summary>
/// The pages fixture with measured OCR: the classical gazetteer and a newspaper, two of their pages ingested without
/// a transcription. The confidences are what an ingest with OCR records (IngestRunner: the page's
/// <see cref="OcrConfidence"/>, flagged below 0.8; Recognition.Tests/NeedsTranscriptionTests shows the real recogniser
/// flagging a real scan); here they are set on the catalog rows so that the list has known pages in a known order:
/// gazetteer p2 42 % (no transcription), newspaper p1 63 % (none), gazetteer p1 55 % (flagged but transcribed, so not
/// listed), gazetteer p3 93 % (not flagged).
/// </summary>
public sealed class TranscriptionSite : PagesSite
{
    public static readonly IReadOnlyDictionary<(string Item, int Page), double> Measured = new Dictionary<(string, int), double>
    {
        [(Classical, 1)] = 0.55,
        [(Classical, 2)] = 0.42,
        [(Classical, 3)] = 0.93,
        [(Newspaper, 1)] = 0.63,
    };

    protected override async Task IngestAsync(string data)
    {
        var subset = TestPaths.SampleSubset(Classical, Newspaper);
        // Pages with an image and no transcription: gazetteer p2, the newspaper's only page.
        File.Delete(Path.Combine(subset, "rb01_gdtz_j04_qingyuan_jiangyu", "p002.txt"));
        File.Delete(Path.Combine(subset, "np01_synthetic_newspaper", "p001.txt"));
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = false });
        var report = await new IngestRunner(archive).RunAsync(subset);
        if (report.ItemsAdded != 2) throw new InvalidOperationException("the transcriptions fixture's ingest failed: " + string.Join("; ", report.Problems));
        foreach (var id in new[] { Classical, Newspaper })
        {
            var entry = archive.Catalog.FindItem(id)!;
            var pages = entry.Item.Pages.Select(p => Measured.TryGetValue((id, p.Order), out var c)
                ? p with { OcrConfidence = c, NeedsTranscription = OcrConfidence.NeedsTranscription(c) }
                : p).ToList();
            archive.Catalog.Upsert(entry.Item with { Pages = pages }, entry.OcflVersion);
        }
        if (archive.Catalog.FindItem(Classical)!.Item.Pages[0].Transcription is null) throw new InvalidOperationException("the gazetteer's first page lost its transcription");
    }

    /// <summary>A browser page signed in, through the form, as a new account with this role, landed on <paramref name="returnPath"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string role, int width, List<string>? dialogs = null, string returnPath = "/workshop")
    {
        var name = role + "-" + Guid.NewGuid().ToString("N")[..8];
        var password = await StaffSession.CreateAsync(Host, name, role);
        var page = await NewPageAsync(width, 900, dialogs);
        await StaffSession.SignInPageAsync(page, Host, name, password, returnPath);
        return page;
    }
}

/// <summary>
/// The curators' list of pages that need a transcription (issue 17, "Honesty"), in headless Debian chromium against the
/// real host: a curator opens it from the workshop's navigation, sees the flagged pages weakest first with their
/// confidence and thumbnail (not the flagged page that has a transcription), narrows it by collection with the form,
/// pages through it, and follows a page to the reading room; both languages axe-clean; a 390 px phone does not scroll
/// sideways. Anonymous visitors are sent to sign in, a guide is refused.
/// </summary>
public class TranscriptionListBrowserTests(TranscriptionSite site) : IClassFixture<TranscriptionSite>
{
    private const string ListPath = "/workshop/transcriptions";

    private Task<IPage> SignedInPageAsync(string role, int width = 1280) => site.SignedInPageAsync(role, width, dialogs);

    private readonly List<string> dialogs = [];

    /// <summary>A navigation is done for these tests once the address is the one expected: the URL is polled (a navigation
    /// that ended before a wait for its event began is not missed), and the assertions after it wait for what they need.</summary>
    private static Task ShownAsync(IPage page, string pattern) => Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern));

    private static async Task<IReadOnlyList<string>> RowsAsync(IPage page) =>
        await page.Locator("#transcription-list > li").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.item + ' p' + r.dataset.page)");

    [Fact]
    public async Task A_curator_opens_the_list_from_the_workshop_sees_the_weakest_page_first_and_follows_it_to_the_reading_room()
    {
        var page = await SignedInPageAsync("curator");

        // The workshop's front page says how many pages wait; its navigation leads there by keyboard.
        await Assertions.Expect(page.Locator("#transcriptions-count")).ToHaveTextAsync("2");
        await PagesSite.ScreenshotAsync(page, "transcriptions-workshop-front-page");
        // Focused first (checked, so a lost focus fails here and not as a navigation timeout), then the URL is polled rather
        // than a navigation event awaited: on a loaded machine the list can be shown before the wait would begin.
        var nav = page.Locator("#nav-transcriptions");
        await nav.FocusAsync();
        await Assertions.Expect(nav).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await ShownAsync(page, Regex.Escape(ListPath) + "$");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("待转录页面 Pages needing a transcription");
        await Assertions.Expect(page.Locator("#nav-transcriptions")).ToHaveAttributeAsync("aria-current", "page");

        // Weakest first; the flagged page that has a transcription and the page read well are not listed.
        Assert.Equal([$"{PagesSite.Classical} p2", $"{PagesSite.Newspaper} p1"], await RowsAsync(page));
        await Assertions.Expect(page.Locator("#transcriptions-total")).ToHaveTextAsync("共 2 页 2 pages");
        var first = page.Locator("#transcription-list > li").First;
        await Assertions.Expect(first.Locator(".percent")).ToHaveTextAsync("42.0%");
        await Assertions.Expect(first).ToContainTextAsync("识读信度");
        await Assertions.Expect(first.Locator(".page-label")).ToHaveTextAsync("004-11a"); // the page's label as catalogued
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("识读信度低于 80% 且尚无转录的页面");
        await Assertions.Expect(first).ToContainTextAsync("廣東通志 卷四");
        await Assertions.Expect(first).ToContainTextAsync(PagesSite.Classical);
        await Assertions.Expect(first).ToContainTextAsync("古籍 Rare books");
        await Assertions.Expect(page.Locator("#transcription-list > li").Nth(1).Locator(".percent")).ToHaveTextAsync("63.0%");
        // The thumbnail comes from the IIIF Image API and is drawn.
        var thumb = first.Locator("img");
        Assert.StartsWith($"/iiif/3/{PagesSite.Classical}~p002/full/!", await thumb.GetAttributeAsync("src"));
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#transcription-list > li img'); return i && i.complete && i.naturalWidth > 0; }");
        await PagesSite.AxeCleanAsync(page, "the list in Chinese");
        await PagesSite.ScreenshotAsync(page, "transcriptions-zh-desktop");

        // Narrowed by collection with the plain form (radio and submit by keyboard): the newspaper's page alone.
        await page.Locator("input[name=collection][value=newspaper]").CheckAsync();
        var submit = page.Locator("#transcription-filter button[type=submit]");
        await submit.FocusAsync();
        await Assertions.Expect(submit).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await ShownAsync(page, "collection=newspaper");
        Assert.Equal([$"{PagesSite.Newspaper} p1"], await RowsAsync(page));
        Assert.True(await page.Locator("input[name=collection][value=newspaper]").IsCheckedAsync());
        // A collection with none: said in both languages.
        await page.GotoAsync(site.Url(ListPath + "?collection=local-history"));
        await Assertions.Expect(page.Locator("#transcriptions-empty")).ToHaveTextAsync("没有需要转录的页面。 No pages need a transcription.");
        Assert.Empty(await RowsAsync(page));

        // Paged: one a page, the second page has the newspaper.
        await page.GotoAsync(site.Url(ListPath + "?size=1"));
        Assert.Equal([$"{PagesSite.Classical} p2"], await RowsAsync(page));
        await Assertions.Expect(page.Locator(".pager")).ToContainTextAsync("第 1 / 2 页");
        await page.Locator(".pager a[rel=next]").ClickAsync();
        await ShownAsync(page, "page=2");
        Assert.Equal([$"{PagesSite.Newspaper} p1"], await RowsAsync(page));
        Assert.Equal("2", await page.Locator("#transcription-list").GetAttributeAsync("start"));

        // English: the same list, axe-clean.
        await page.GotoAsync(site.Url("/language/en?back=" + Uri.EscapeDataString(ListPath)));
        await ShownAsync(page, Regex.Escape(ListPath) + "$");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Pages needing a transcription");
        await Assertions.Expect(page.Locator("#transcription-list > li").First).ToContainTextAsync("OCR confidence");
        await PagesSite.AxeCleanAsync(page, "the list in English");
        await PagesSite.ScreenshotAsync(page, "transcriptions-en-desktop");
        await page.GotoAsync(site.Url("/language/zh?back=" + Uri.EscapeDataString(ListPath)));

        // The page's link opens it in the reading room.
        await page.Locator($"#transcription-list > li[data-item={PagesSite.Classical}] a.transcription-page").ClickAsync();
        await ShownAsync(page, Regex.Escape($"/items/{PagesSite.Classical}/p/2") + "$");
        // The reading room shows that page (its strip marks it; the plain image gives way to the deep-zoom viewer, so not that).
        await Assertions.Expect(page.Locator(".page-strip a[aria-current=page]")).ToHaveAttributeAsync("data-page", "2");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("廣東通志 卷四");
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task On_a_390_px_phone_the_list_does_not_scroll_sideways()
    {
        var phone = await SignedInPageAsync("admin", width: 390);
        await phone.Locator("#nav-transcriptions").ClickAsync();
        await ShownAsync(phone, Regex.Escape(ListPath) + "$");
        Assert.Equal(2, (await RowsAsync(phone)).Count);
        await PagesSite.ScreenshotAsync(phone, "transcriptions-zh-phone");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the list scrolls sideways on a 390 px phone");
        await PagesSite.AxeCleanAsync(phone, "the list on a phone");
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_a_guide_is_refused_an_unknown_collection_is_a_bilingual_400_and_the_api_gives_the_same_list()
    {
        using var anonymous = StaffSession.NewClient(site.Host);
        using (var r = await anonymous.GetAsync(ListPath))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/account/signin?returnUrl=", r.Headers.Location!.OriginalString);
        }
        using var guide = await StaffSession.SignedInAsync(site.Host, "guide");
        using (var r = await guide.GetAsync(ListPath))
        {
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            var html = await r.Content.ReadAsStringAsync();
            Assert.Contains("没有权限", html);
            Assert.DoesNotContain(PagesSite.Newspaper, html);
        }
        using var curator = await StaffSession.SignedInAsync(site.Host, "curator");
        using (var r = await curator.GetAsync(ListPath + "?collection=%3Cscript%3Ealert(1)%3C%2Fscript%3E"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var html = await r.Content.ReadAsStringAsync();
            Assert.Contains("没有名为 &lt;script&gt;alert(1)&lt;/script&gt; 的馆藏", html);
            Assert.Contains("There is no collection called &lt;script&gt;", html);
            Assert.Equal("no-store", r.Headers.CacheControl?.ToString());
        }
        using (var r = await curator.GetAsync(ListPath + "?page=999&size=abc"))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains($"data-item=\"{PagesSite.Newspaper}\"", await r.Content.ReadAsStringAsync());
        }

        // The same list as JSON for the curators' tools: weakest first, paged, by collection; an unknown collection is a 400.
        var api = await curator.GetFromJsonAsync<WorkshopTranscriptionsResponse>("/api/workshop/transcriptions?size=1&page=2");
        Assert.NotNull(api);
        Assert.Equal((2, 2, 2, 1), (api.Total, api.Page, api.PageCount, api.PageSize));
        var only = Assert.Single(api.Pages);
        Assert.Equal((PagesSite.Newspaper, "newspaper", 1, 0.63, $"/items/{PagesSite.Newspaper}/p/1"), (only.ItemId, only.Collection, only.Page, only.Confidence, only.ReadingRoom));
        Assert.StartsWith($"/iiif/3/{PagesSite.Newspaper}~p001/full/!", only.Thumbnail);
        Assert.Equal(1, api.Collections.Single(c => c.Collection == "rare-book").Pages);
        var rare = await curator.GetFromJsonAsync<WorkshopTranscriptionsResponse>("/api/workshop/transcriptions?collection=rare-book");
        Assert.Equal([(PagesSite.Classical, 2, 0.42)], rare!.Pages.Select(p => (p.ItemId, p.Page, p.Confidence)));
        using (var r = await curator.GetAsync("/api/workshop/transcriptions?collection=maps"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("没有名为 maps 的馆藏", await r.Content.ReadAsStringAsync());
        }
        using (var r = await guide.GetAsync("/api/workshop/transcriptions")) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await anonymous.GetAsync("/api/workshop/transcriptions")) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }
}
