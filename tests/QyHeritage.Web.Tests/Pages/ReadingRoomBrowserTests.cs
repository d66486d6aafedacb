using Microsoft.Playwright;

namespace QyHeritage.Web.Tests.Pages;

/// <summary>The reading room in a real browser: deep zoom on the IIIF tiles, page turning, the text beside the image, citing.</summary>
public class ReadingRoomBrowserTests(PagesSite site) : IClassFixture<PagesSite>
{
    private static async Task WaitForTileAsync(IPage page, List<(string Url, int Status)> iiif)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !iiif.Any(r => IsTile(r.Url)); await page.WaitForTimeoutAsync(200))
            Assert.True(DateTime.UtcNow < deadline, "no deep-zoom tile was requested: " + string.Join(", ", iiif.Select(r => r.Url)));
    }

    private static bool IsTile(string url) => url.Contains("/iiif/3/", StringComparison.Ordinal) && url.EndsWith("/default.jpg", StringComparison.Ordinal);

    private static List<(string Url, int Status)> RecordIiif(IPage page)
    {
        var seen = new List<(string, int)>();
        page.Response += (_, r) =>
        {
            if (r.Url.Contains("/iiif/3/", StringComparison.Ordinal)) lock (seen) seen.Add((r.Url, r.Status));
        };
        return seen;
    }

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task A_classical_book_loads_its_tiles_and_turns_its_pages_right_to_left(int width, int height, string device)
    {
        var page = await site.NewPageAsync(width, height);
        var iiif = RecordIiif(page);
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}"));
        await WaitForTileAsync(page, iiif);
        await PagesSite.ScreenshotAsync(page, $"reader-{device}-p1");
        lock (iiif) Assert.All(iiif, r => Assert.True(r.Status == 200, $"{r.Url}: {r.Status}"));
        Assert.Contains(iiif, r => r.Url.EndsWith($"{PagesSite.Classical}~p001/info.json", StringComparison.Ordinal));

        // The book is bound on the right: the left arrow key turns to the next page; the address follows.
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.WaitForURLAsync(site.Url($"/items/{PagesSite.Classical}/p/2"));
        await page.Locator("#page-text[data-page='2']").WaitForAsync();
        await Assertions.Expect(page.Locator(".page-strip a[aria-current=page]")).ToHaveAttributeAsync("data-page", "2");
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !iiif.Any(r => r.Url.Contains("~p002/", StringComparison.Ordinal) && IsTile(r.Url)); await page.WaitForTimeoutAsync(200))
            Assert.True(DateTime.UtcNow < deadline, "page 2's tiles were never asked for");
        await PagesSite.ScreenshotAsync(page, $"reader-{device}-p2");

        // The right arrow goes back; the next-page link sits on the left of the previous-page link.
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForURLAsync(site.Url($"/items/{PagesSite.Classical}/p/1"));
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.WaitForURLAsync(site.Url($"/items/{PagesSite.Classical}/p/2"));
        await page.Locator("#page-text[data-page='2']").WaitForAsync();
        var next = await page.Locator("#page-nav a[rel=next]").BoundingBoxAsync();
        var prev = await page.Locator("#page-nav a[rel=prev]").BoundingBoxAsync();
        Assert.True(next!.X < prev!.X, $"next at {next.X}, previous at {prev.X}");

        // A swipe to the right (the finger pulls the left leaf over) turns forward too.
        var viewer = (await page.Locator("#viewer").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(viewer.X + viewer.Width * 0.3f, viewer.Y + viewer.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(viewer.X + viewer.Width * 0.8f, viewer.Y + viewer.Height / 2, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.WaitForURLAsync(site.Url($"/items/{PagesSite.Classical}/p/3"));

        // The address survives a reload.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".page-strip a[aria-current=page]")).ToHaveAttributeAsync("data-page", "3");
        Assert.Equal("3", await page.Locator("#page-text").GetAttributeAsync("data-page"));
        lock (iiif) Assert.All(iiif, r => Assert.True(r.Status == 200, $"{r.Url}: {r.Status}"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_transcription_of_a_classical_book_is_vertical_with_its_small_notes_and_toggles_to_simplified()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}"));
        var text = page.Locator("#page-text");
        Assert.Equal("vertical-rl", await text.EvaluateAsync<string>("e => getComputedStyle(e).writingMode"));
        Assert.Contains("清遠縣", await text.InnerTextAsync());

        await page.Locator("#script-toggle").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("script=simplified", StringComparison.Ordinal));
        var simplified = await page.Locator("#page-text").InnerTextAsync();
        Assert.Contains("清远县", simplified);
        Assert.DoesNotContain("清遠縣", simplified);

        // Double-line small notes: two sub-columns side by side, the first on the right.
        await page.GotoAsync(site.Url($"/items/{PagesSite.WithNotes}/p/1"));
        var note = page.Locator("#page-text .note").First;
        Assert.Equal("訛作江案庾近刻", string.Concat(await note.Locator("span").AllInnerTextsAsync()).Replace("\n", ""));
        var first = (await note.Locator(".n1").BoundingBoxAsync())!;
        var second = (await note.Locator(".n2").BoundingBoxAsync())!;
        Assert.True(first.X > second.X, $"first sub-column at x={first.X}, second at x={second.X}");
        await PagesSite.ScreenshotAsync(page, "reader-notes");

        // A modern essay reads in horizontal lines.
        await page.GotoAsync(site.Url($"/items/{PagesSite.Modern}"));
        Assert.Equal("horizontal-tb", await page.Locator("#page-text").EvaluateAsync<string>("e => getComputedStyle(e).writingMode"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_citation_names_the_item_with_its_stable_url_and_manifest()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}/p/2"));
        var gbt = await page.Locator("#cite-gbt").InnerTextAsync();
        Assert.Contains("廣東通志 卷四 疆域志·廣州府清遠縣[M/OL]", gbt);
        Assert.Contains(site.Url($"/items/{PagesSite.Classical}"), gbt);
        var chicago = await page.Locator("#cite-chicago").InnerTextAsync();
        Assert.Contains("Guangdong Gazetteer (Yongzheng)", chicago);
        Assert.Contains("Qingyuan City Library", chicago);
        var manifest = await page.Locator("#cite a[href$='/manifest']").GetAttributeAsync("href");
        using var response = await site.Host.Client.GetAsync(manifest);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("?manifest=", await page.Locator("#other-viewers a.iiif-drag").GetAttributeAsync("href"));
    }

    [Fact]
    public async Task A_search_hit_opens_the_reading_room_at_its_page()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/search?q=" + Uri.EscapeDataString("新安县")));
        var hit = page.Locator($"li[data-item-id='{PagesSite.Classical}']").First;
        var hitPage = int.Parse((await hit.GetAttributeAsync("data-page"))!.TrimStart('p'), System.Globalization.CultureInfo.InvariantCulture);
        await hit.Locator("a.item-link").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/items/{PagesSite.Classical}/p/{hitPage}?q=", StringComparison.Ordinal));
        Assert.Equal(hitPage.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#page-text").GetAttributeAsync("data-page"));
        Assert.Contains("新安縣", await page.Locator("#page-text").InnerTextAsync());
        await page.Context.CloseAsync();
    }
}
