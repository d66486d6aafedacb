using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Accounts;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Workshop;

/// <summary>
/// A curator transcribes a page from the curators' list (issue 17, "Honesty", the loop closed), in headless Debian
/// chromium against the real host (its own copy of the transcriptions fixture: these tests change it): from the list to
/// the page, a .txt file loaded, saved as a new version; the page leaves the list, the reading room shows the
/// transcription and the search finds the page by it. A second tab opened before the save is told the item changed; a
/// file that is not UTF-8 is refused before sending. The API's refusals are bilingual with the right status.
/// </summary>
public class TranscribeBrowserTests(TranscriptionSite site) : IClassFixture<TranscriptionSite>
{
    private const string ListPath = "/workshop/transcriptions";
    /// <summary>A page's transcription in the sample collection: the gazetteer's (PagesSite.Classical) folder.</summary>
    private static string Sample(string page) => Path.Combine(TestPaths.SampleCollection, "rb01_gdtz_j04_qingyuan_jiangyu", page + ".txt");

    private const LoadState Shown = LoadState.DOMContentLoaded;

    private Task<IPage> SignedInPageAsync(string role, int width = 1280) => site.SignedInPageAsync(role, width, returnPath: ListPath);

    [Fact]
    public async Task A_curator_transcribes_a_flagged_page_from_a_file_and_it_leaves_the_list_reads_in_the_reading_room_and_is_found_by_search()
    {
        var page = await SignedInPageAsync("curator");
        var row = page.Locator($"#transcription-list > li[data-item={PagesSite.Classical}][data-page='2']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("a.transcribe-link").ClickAsync();
        await Arrival.AtAsync(page, u => u.EndsWith($"{ListPath}/{PagesSite.Classical}/2", StringComparison.Ordinal), Shown);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("转录第 004-11a 页 Transcribe page 004-11a");
        // This page was ingested without OCR or text: the curator types or loads it.
        await Assertions.Expect(page.Locator("#transcribe-start")).ToContainTextAsync("本页没有识读文字");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.transcribe-image img'); return i && i.complete && i.naturalWidth > 0; }");

        // A second tab on the same page, opened now: it will be one version behind.
        var other = await site.NewPageAsync(1280, 900, []);
        await other.Context.AddCookiesAsync((await page.Context.CookiesAsync()).Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await other.GotoAsync(page.Url);

        // A file in another encoding is refused before anything is sent.
        var gbk = Path.Combine(TestPaths.NewTempFolder("transcribe"), "gbk.txt");
        await File.WriteAllBytesAsync(gbk, [0xC7, 0xE5, 0xD4, 0xB6, 0x0A]); // 清远 in GBK
        await page.Locator("#transcription-file").SetInputFilesAsync(gbk);
        await Assertions.Expect(page.Locator("#transcription-state")).ToContainTextAsync("文件不是 UTF-8 文本");
        await Assertions.Expect(page.Locator("#transcription-text")).ToHaveValueAsync("");

        // The page's real transcription, loaded from its file, checked, saved.
        var truth = await File.ReadAllTextAsync(Sample("p002"));
        await page.Locator("#transcription-file").SetInputFilesAsync(Sample("p002"));
        await Assertions.Expect(page.Locator("#transcription-text")).ToHaveValueAsync(truth);
        await PagesSite.AxeCleanAsync(page, "the transcription page");
        await PagesSite.ScreenshotAsync(page, "transcribe-loaded-zh-desktop");
        await page.Locator("#transcription-save").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#transcription-state")).ToContainTextAsync("已保存为第");
        await Assertions.Expect(page.Locator("#transcription-state")).ToContainTextAsync("本页无识读文字");
        await PagesSite.ScreenshotAsync(page, "transcribe-saved-zh-desktop");

        // The other tab saves what it had: refused, said in both languages, nothing overwritten.
        await other.Locator("#transcription-text").FillAsync("清遠縣");
        await other.Locator("#transcription-save").ClickAsync();
        await Assertions.Expect(other.Locator("#transcription-state")).ToContainTextAsync("藏品已更新为第");
        await Assertions.Expect(other.Locator("#transcription-state")).ToContainTextAsync("open the page again");
        await Assertions.Expect(other.Locator("#transcription-state")).ToHaveAttributeAsync("data-state", "problem");
        await PagesSite.ScreenshotAsync(other, "transcribe-stale-zh-desktop");
        await other.CloseAsync();

        // The reading room shows it as the page's transcription.
        await page.Locator("#transcription-state a").ClickAsync();
        await Arrival.AtAsync(page, u => u.EndsWith($"/items/{PagesSite.Classical}/p/2", StringComparison.Ordinal), Shown);
        await Assertions.Expect(page.Locator("#page-text-heading")).ToContainTextAsync("校对文本");
        await Assertions.Expect(page.Locator("#page-text")).ToContainTextAsync("新安縣在府城東南二百六十里");

        // It left the curators' list; the newspaper's page is still there.
        await page.GotoAsync(site.Url(ListPath));
        await Assertions.Expect(page.Locator("#transcription-list > li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#transcription-list > li")).ToHaveAttributeAsync("data-item", PagesSite.Newspaper);

        // Searched by its transcription at once (indexed with the save, not at the next catch-up).
        using var search = JsonDocument.Parse(await site.Host.Client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("新安縣在府城東南")));
        Assert.Contains(PagesSite.Classical, search.RootElement.GetRawText());
        Assert.Contains("\"page\":2", search.RootElement.GetRawText().Replace(" ", ""));
    }

    [Fact]
    public async Task On_a_390_px_phone_the_page_does_not_scroll_sideways()
    {
        var phone = await SignedInPageAsync("admin", width: 390);
        await phone.GotoAsync(site.Url($"{ListPath}/{PagesSite.Newspaper}/1"));
        await Assertions.Expect(phone.Locator("#transcription-text")).ToBeVisibleAsync();
        await PagesSite.ScreenshotAsync(phone, "transcribe-zh-phone");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the transcription page scrolls sideways on a 390 px phone");
        await PagesSite.AxeCleanAsync(phone, "the transcription page on a phone");
    }

    [Fact]
    public async Task The_api_refuses_bad_transcriptions_in_both_languages_with_the_right_status_and_guides_may_not_transcribe()
    {
        var url = $"/api/workshop/items/{PagesSite.Newspaper}/pages/1/transcription";
        using var curator = await StaffSession.SignedInAsync(site.Host, "curator");
        async Task RefusedAsync(string path, object body, HttpStatusCode status, string zh)
        {
            using var r = await curator.PutAsJsonAsync(path, body);
            var text = await r.Content.ReadAsStringAsync();
            Assert.True(status == r.StatusCode, $"{path}: {(int)r.StatusCode} {text}");
            using var json = JsonDocument.Parse(text);
            Assert.Contains(zh, json.RootElement.GetProperty("errorZh").GetString());
            Assert.Matches("[A-Za-z]{4}", json.RootElement.GetProperty("errorEn").GetString()!);
        }
        await RefusedAsync(url, new { text = "  \n" }, HttpStatusCode.BadRequest, "没有任何文字");
        await RefusedAsync(url, new { text = "新聞\u0000\u0001" }, HttpStatusCode.BadRequest, "控制字符");
        await RefusedAsync(url, new { text = new string('報', 100_000) }, HttpStatusCode.RequestEntityTooLarge, "上限");
        await RefusedAsync(url, new { version = 1 }, HttpStatusCode.BadRequest, "缺少转录文字");
        await RefusedAsync(url, new { text = "新聞", version = 999 }, HttpStatusCode.Conflict, "藏品已更新");
        await RefusedAsync($"/api/workshop/items/QY-XX-404/pages/1/transcription", new { text = "新聞" }, HttpStatusCode.NotFound, "没有编号为");
        await RefusedAsync($"/api/workshop/items/{PagesSite.Newspaper}/pages/9/transcription", new { text = "新聞" }, HttpStatusCode.NotFound, "没有第 9 页");
        await RefusedAsync($"/api/workshop/items/{PagesSite.Newspaper}/pages/0x1/transcription", new { text = "新聞" }, HttpStatusCode.BadRequest, "页码");
        // The newspaper's page is untouched by all that: still listed, still without a transcription.
        using (var list = JsonDocument.Parse(await curator.GetStringAsync("/api/workshop/transcriptions")))
            Assert.Contains(list.RootElement.GetProperty("pages").EnumerateArray(), p => p.GetProperty("itemId").GetString() == PagesSite.Newspaper);

        using var guide = await StaffSession.SignedInAsync(site.Host, "guide");
        using (var r = await guide.PutAsJsonAsync(url, new { text = "新聞" }))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using var anonymous = StaffSession.NewClient(site.Host);
        using (var r = await anonymous.GetAsync($"{ListPath}/{PagesSite.Newspaper}/1"))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var r = await curator.GetAsync($"{ListPath}/QY-XX-404/1"))
        {
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Contains("没有编号为 QY-XX-404 的藏品", await r.Content.ReadAsStringAsync());
        }
    }
}
