using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace QyHeritage.Web.Tests.Pages;

/// <summary>The reading room in a real browser: deep zoom on the IIIF tiles, page turning, the text beside the image, citing.</summary>
public class ReadingRoomBrowserTests(ReadingRoomSite site) : IClassFixture<ReadingRoomSite>
{
    private static async Task WaitForTileAsync(IPage page, ConcurrentQueue<(string Url, int Status)> iiif)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !iiif.Any(r => IsTile(r.Url)); await page.WaitForTimeoutAsync(200))
            Assert.True(DateTime.UtcNow < deadline, "no deep-zoom tile was requested: " + string.Join(", ", iiif.Select(r => r.Url)));
    }

    /// <summary>A deep-zoom tile: an Image API image that is not the plain page image the page shows first (<c>full/!w,h</c>).</summary>
    private static bool IsTile(string url) =>
        url.Contains("/iiif/3/", StringComparison.Ordinal) && url.EndsWith("/default.jpg", StringComparison.Ordinal) && !url.Contains("/full/!", StringComparison.Ordinal);

    /// <summary>The page's Image API answers as they come (a queue: read while Playwright's thread adds to it, it is read as it was).</summary>
    private static ConcurrentQueue<(string Url, int Status)> RecordIiif(IPage page)
    {
        var seen = new ConcurrentQueue<(string, int)>();
        page.Response += (_, r) =>
        {
            if (r.Url.Contains("/iiif/3/", StringComparison.Ordinal)) seen.Enqueue((r.Url, r.Status));
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
        Assert.All(iiif, r => Assert.True(r.Status == 200, $"{r.Url}: {r.Status}"));
        Assert.Contains(iiif, r => r.Url.EndsWith($"{PagesSite.Classical}~p001/info.json", StringComparison.Ordinal));

        // The book is bound on the right: the left arrow key turns to the next page; the address follows.
        await page.Keyboard.PressAsync("ArrowLeft");
        await Arrival.AtAsync(page, site.Url($"/items/{PagesSite.Classical}/p/2"));
        await page.Locator("#page-text[data-page='2']").WaitForAsync();
        await Assertions.Expect(page.Locator(".page-strip a[aria-current=page]")).ToHaveAttributeAsync("data-page", "2");
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !iiif.Any(r => r.Url.Contains("~p002/", StringComparison.Ordinal) && IsTile(r.Url)); await page.WaitForTimeoutAsync(200))
            Assert.True(DateTime.UtcNow < deadline, "page 2's tiles were never asked for");
        await PagesSite.ScreenshotAsync(page, $"reader-{device}-p2");

        // The right arrow goes back; the next-page link sits on the left of the previous-page link.
        await page.Keyboard.PressAsync("ArrowRight");
        await Arrival.AtAsync(page, site.Url($"/items/{PagesSite.Classical}/p/1"));
        await page.Keyboard.PressAsync("ArrowLeft");
        await Arrival.AtAsync(page, site.Url($"/items/{PagesSite.Classical}/p/2"));
        await page.Locator("#page-text[data-page='2']").WaitForAsync();
        var next = await BoxOfAsync(page.Locator("#page-nav a[rel=next]"));
        var prev = await BoxOfAsync(page.Locator("#page-nav a[rel=prev]"));
        Assert.True(next.X < prev.X, $"next at {next.X}, previous at {prev.X}");

        // A swipe to the right (the finger pulls the left leaf over) turns forward too.
        var viewer = await BoxOfAsync(page.Locator("#viewer"));
        await page.Mouse.MoveAsync(viewer.X + viewer.Width * 0.3f, viewer.Y + viewer.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(viewer.X + viewer.Width * 0.8f, viewer.Y + viewer.Height / 2, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await Arrival.AtAsync(page, site.Url($"/items/{PagesSite.Classical}/p/3"));

        // The address survives a reload.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".page-strip a[aria-current=page]")).ToHaveAttributeAsync("data-page", "3");
        Assert.Equal("3", await page.Locator("#page-text").GetAttributeAsync("data-page"));
        Assert.All(iiif, r => Assert.True(r.Status == 200, $"{r.Url}: {r.Status}"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Turning_on_before_the_last_page_text_arrives_shows_the_text_of_the_page_turned_to()
    {
        var page = await site.NewPageAsync(1280, 900);
        var iiif = RecordIiif(page);
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}/p/2"));
        await WaitForTileAsync(page, iiif);

        // Page 1's parts come slowly (a busy server): its answer lands after page 2's, which the reader turned on to.
        var held = new TaskCompletionSource();
        await page.RouteAsync($"**/items/{PagesSite.Classical}/p/1", async route =>
        {
            await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await route.ContinueAsync();
        });
        await page.Keyboard.PressAsync("ArrowRight");
        await Arrival.AtAsync(page, site.Url($"/items/{PagesSite.Classical}/p/1"));
        await page.Keyboard.PressAsync("ArrowLeft");
        await Arrival.AtAsync(page, site.Url($"/items/{PagesSite.Classical}/p/2"));
        await Assertions.Expect(page.Locator(".page-strip a[aria-current=page]")).ToHaveAttributeAsync("data-page", "2");
        var stale = page.WaitForResponseAsync(r => r.Url.EndsWith($"/items/{PagesSite.Classical}/p/1", StringComparison.Ordinal), new() { Timeout = 5_000 });
        held.SetResult();
        try { await stale; } catch (TimeoutException) { } // abandoned by the page: its answer may never be read
        await page.WaitForTimeoutAsync(500);

        Assert.Equal("2", await page.Locator("#page-text").GetAttributeAsync("data-page"));
        Assert.Equal($"/items/{PagesSite.Classical}/p/3", new Uri(new Uri(site.Url("/")), await page.Locator("#page-nav a[rel=next]").GetAttributeAsync("href")).AbsolutePath);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_real_scan_names_the_folio_its_centre_strip_prints_and_a_page_without_one_names_none()
    {
        var page = await site.NewPageAsync(1280, 900);
        await page.GotoAsync(site.Url($"/items/{ReadingRoomSite.RealScan}"));
        // Read by the OCR from the 版心 at the page's right edge (十六), the half left of the fold: b.
        await Assertions.Expect(page.Locator("#page-folio")).ToContainTextAsync("16b");
        await Assertions.Expect(page.Locator("#page-text .line").First).ToBeVisibleAsync();
        await PagesSite.ScreenshotAsync(page, "reader-real-scan-folio");

        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}"));
        await Assertions.Expect(page.Locator("#page-text .line").First).ToBeVisibleAsync();
        Assert.Equal("", (await page.Locator("#page-folio").InnerTextAsync()).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_script_the_page_image_is_shown_whole_in_the_viewer()
    {
        var context = await site.Browser.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "zh-CN" });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var iiif = RecordIiif(page);
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}/p/2"));
        var image = page.Locator("#viewer img.page-image");
        await Assertions.Expect(image).ToBeVisibleAsync();
        Assert.True(await image.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"), "the page image did not load");
        Assert.Contains($"/iiif/3/{PagesSite.Classical}~p002/full/!", await image.EvaluateAsync<string>("i => i.currentSrc"));
        Assert.Equal("《廣東通志 卷四 疆域志·廣州府清遠縣》第 004-11a 页的图像", await image.GetAttributeAsync("alt"));
        // Fitted whole in the viewer's box: the picked size is at least as wide as it is drawn (no upscaled blur).
        var fit = await PaintedAsync(image);
        var viewer = (await page.Locator("#viewer").BoundingBoxAsync())!;
        Assert.True(fit.X >= viewer.X - 1 && fit.X + fit.Width <= viewer.X + viewer.Width + 1 && fit.Y >= viewer.Y - 1 && fit.Y + fit.Height <= viewer.Y + viewer.Height + 1, $"the page is drawn at {fit}, outside the viewer {viewer.X},{viewer.Y} {viewer.Width}×{viewer.Height}");
        Assert.True(Math.Abs(fit.Height - viewer.Height) < 1.5 || Math.Abs(fit.Width - viewer.Width) < 1.5, $"the page ({fit}) does not fill the viewer {viewer.Width}×{viewer.Height} either way");
        Assert.True(await image.EvaluateAsync<double>("i => i.naturalWidth") >= fit.Width, "the picked image is smaller than it is drawn");
        Assert.DoesNotContain(iiif, r => IsTile(r.Url));
        Assert.All(iiif, r => Assert.True(r.Status == 200, $"{r.Url}: {r.Status}"));
        await PagesSite.ScreenshotAsync(page, "reader-no-script");

        // The English page says it in English.
        await context.AddCookiesAsync([new() { Name = "qy-lang", Value = "en", Url = site.Url("/") }]);
        await page.ReloadAsync();
        Assert.Equal("Image of page 004-11a of Guangdong Gazetteer (Yongzheng), j.4 Territory: Qingyuan county, Guangzhou prefecture", await image.GetAttributeAsync("alt"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task With_script_the_deep_zoom_viewer_takes_the_page_image_place_without_moving_it()
    {
        var page = await site.NewPageAsync();
        var iiif = RecordIiif(page);
        // OpenSeadragon's chunk held back until the page image has been seen (on a school line it arrives seconds later).
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/dist/chunks/openseadragon-*.js", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}/p/1"));
        var image = page.Locator("#viewer img.page-image");
        await Assertions.Expect(image).ToBeVisibleAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !await image.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"); await page.WaitForTimeoutAsync(100))
            Assert.True(DateTime.UtcNow < deadline, "the page image did not load");
        Assert.Equal(0, await page.Locator("#viewer .openseadragon-canvas").CountAsync());
        var before = await PaintedAsync(image);
        var viewerBefore = (await page.Locator("#viewer").BoundingBoxAsync())!;
        var pageTopBefore = (await page.Locator("#page-nav").BoundingBoxAsync())!.Y;
        await PagesSite.ScreenshotAsync(page, "reader-page-image-before-viewer");

        // The viewer comes, draws its tiles and the image goes; the box and everything below it stay where they were.
        release.SetResult();
        await WaitForTileAsync(page, iiif);
        await Assertions.Expect(image).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#viewer .openseadragon-canvas")).ToHaveCountAsync(1);
        var viewerAfter = (await page.Locator("#viewer").BoundingBoxAsync())!;
        Assert.Equal((viewerBefore.X, viewerBefore.Y, viewerBefore.Width, viewerBefore.Height), (viewerAfter.X, viewerAfter.Y, viewerAfter.Width, viewerAfter.Height));
        Assert.Equal(pageTopBefore, (await page.Locator("#page-nav").BoundingBoxAsync())!.Y);

        // The page's pixels sit where the plain image showed them: a line's box drawn by the viewer lands on the same
        // place in the viewer's box as those pixels had in the image (in the box: choosing the line may scroll the page).
        var line = page.Locator("#page-text .line[data-box]", new() { HasText = "清遠" }).First;
        await line.ClickAsync();
        var box = ImageBox.Parse((await line.GetAttributeAsync("data-box"))!);
        await ReadingRoomBoxes.AssertDrawnAsync(site, page, ".line-box", [box]);
        var (width, _) = await ReadingRoomBoxes.ImageSizeAsync(site, PagesSite.Classical, 1);
        var scale = before.Width / width;
        var (wantX, wantY) = (before.X - viewerBefore.X + box.X * scale, before.Y - viewerBefore.Y + box.Y * scale);
        var drawn = (await page.Locator("#viewer .line-box").BoundingBoxAsync())!;
        var viewerNow = (await page.Locator("#viewer").BoundingBoxAsync())!;
        Assert.True(Math.Abs(drawn.X - viewerNow.X - wantX) < 2.5 && Math.Abs(drawn.Y - viewerNow.Y - wantY) < 2.5 && Math.Abs(drawn.Width - box.W * scale) < 2.5,
            $"the viewer draws {box} at {drawn.X - viewerNow.X:F1},{drawn.Y - viewerNow.Y:F1} in its box; the plain image had it at {wantX:F1},{wantY:F1}");
        await PagesSite.ScreenshotAsync(page, "reader-page-image-after-viewer");
        Assert.All(iiif, r => Assert.True(r.Status == 200, $"{r.Url}: {r.Status}"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_deep_zoom_viewer_asks_for_the_page_information_once_and_first_for_the_tiles_at_the_size_it_shows()
    {
        var page = await site.NewPageAsync();
        var asked = new List<string>();
        page.Request += (_, r) =>
        {
            if (r.Url.Contains("/iiif/3/", StringComparison.Ordinal)) lock (asked) asked.Add(r.Url);
        };
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}/p/1"));
        // The viewer has drawn the page and taken the plain image's place.
        await Assertions.Expect(page.Locator("#viewer img.page-image")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#viewer .openseadragon-canvas")).ToHaveCountAsync(1);
        await PagesSite.ScreenshotAsync(page, "reader-viewer-first-tiles");
        List<string> urls;
        lock (asked) urls = [.. asked];

        // The page's info.json preloaded by the page is the one the viewer uses: it travels once.
        Assert.Single(urls, u => u.EndsWith($"{PagesSite.Classical}~p001/info.json", StringComparison.Ordinal));

        // The first tile asked for is of the size the viewer shows the page at (at least as many pixels across as the page
        // is drawn), not of the blurred smaller levels that the plain image hides anyway: on a slow line they came first.
        var (width, height) = await ReadingRoomBoxes.ImageSizeAsync(site, PagesSite.Classical, 1);
        var box = (await page.Locator("#viewer").BoundingBoxAsync())!;
        var drawnWidth = Math.Min(box.Width, box.Height * width / height);
        var first = urls.First(IsTile);
        var levelWidth = LevelWidth(first, width);
        Assert.True(levelWidth >= drawnWidth - 1, $"the first tile ({first}) is of a level {levelWidth:F0} px wide; the page is drawn {drawnWidth:F0} px wide");
        await page.Context.CloseAsync();
    }

    /// <summary>How wide the whole page is at the level of an Image API tile request (<c>…/{region}/{size}/0/default.jpg</c>).</summary>
    private static double LevelWidth(string url, int imageWidth)
    {
        var parts = new Uri(url).AbsolutePath.Split('/');
        var (region, size) = (parts[^4], parts[^3]);
        var sizeWidth = double.Parse(size.TrimStart('!').Split(',')[0], CultureInfo.InvariantCulture);
        var regionWidth = region == "full" ? imageWidth : double.Parse(region.Split(',')[2], CultureInfo.InvariantCulture);
        return imageWidth * sizeWidth / regionWidth;
    }

    /// <summary>Where an <c>object-fit: contain</c> image's picture is drawn inside its element's box.</summary>
    private static async Task<(float X, float Y, float Width, float Height)> PaintedAsync(ILocator image)
    {
        var v = await image.EvaluateAsync<float[]>("""
            i => {
              const r = i.getBoundingClientRect();
              const s = Math.min(r.width / i.naturalWidth, r.height / i.naturalHeight);
              const w = i.naturalWidth * s, h = i.naturalHeight * s;
              return [r.x + (r.width - w) / 2, r.y + (r.height - h) / 2, w, h];
            }
            """);
        return (v[0], v[1], v[2], v[3]);
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
        await Arrival.AtAsync(page, url => url.Contains("script=simplified", StringComparison.Ordinal));
        var simplified = await page.Locator("#page-text").InnerTextAsync();
        Assert.Contains("清远县", simplified);
        Assert.DoesNotContain("清遠縣", simplified);

        // Double-line small notes: two sub-columns side by side, the first on the right.
        await page.GotoAsync(site.Url($"/items/{PagesSite.WithNotes}/p/1"));
        var note = page.Locator("#page-text .note").First;
        Assert.Equal("訛作江案庾近刻", string.Concat(await note.Locator("span").AllInnerTextsAsync()).Replace("\n", ""));
        var first = await BoxOfAsync(note.Locator(".n1"));
        var second = await BoxOfAsync(note.Locator(".n2"));
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
        await Arrival.AtAsync(page, url => url.Contains($"/items/{PagesSite.Classical}/p/{hitPage}?q=", StringComparison.Ordinal));
        Assert.Equal(hitPage.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#page-text").GetAttributeAsync("data-page"));
        Assert.Contains("新安縣", await page.Locator("#page-text").InnerTextAsync());

        // The page opens with the hit's boxes drawn on the image, where Content Search says the words are.
        var expected = await ReadingRoomBoxes.HitBoxesAsync(site, PagesSite.Classical, "新安县", hitPage);
        Assert.NotEmpty(expected);
        await ReadingRoomBoxes.AssertDrawnAsync(site, page, ".hit-box", expected);
        await Assertions.Expect(page.Locator("#viewer .hit-box.current").First).ToBeAttachedAsync();
        await PagesSite.ScreenshotAsync(page, "reader-arrived-from-search");
        await page.Context.CloseAsync();
    }

    /// <summary>Where 清遠 is printed on QY-RB-001's first page (the ink measured in HitBoxTests): its column and its two characters' middles.</summary>
    private const int QingyuanColumnX = 1700, QingMiddleY = 548, YuanMiddleY = 677;

    private static bool Holds(ImageBox b, int x, int y) => b.X <= x && x <= b.X + b.W && b.Y <= y && y <= b.Y + b.H;

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task Searching_inside_the_item_lists_the_hits_draws_their_boxes_on_the_words_and_steps_from_page_to_page(int width, int height, string device)
    {
        var page = await site.NewPageAsync(width, height);
        var iiif = RecordIiif(page);
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}/p/1"));
        await WaitForTileAsync(page, iiif);
        using var answer = JsonDocument.Parse(await site.Host.Client.GetStringAsync($"/iiif/search/{PagesSite.Classical}?q=" + Uri.EscapeDataString("清远")));
        var total = answer.RootElement.GetProperty("annotations")[0].GetProperty("items").GetArrayLength();
        Assert.True(total >= 3, $"{total} hits");

        await page.Locator("#item-q").FillAsync("清远");
        await page.Locator("#item-q").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#item-hits li")).ToHaveCountAsync(total);
        Assert.All(await page.Locator("#item-hits li mark").AllInnerTextsAsync(), m => Assert.Matches("^清[遠逺]$", m));
        Assert.Contains($"/items/{PagesSite.Classical}/p/1?q=", page.Url);

        // Page 1's boxes are drawn where Content Search puts them, and the current one is on the printed 清遠.
        await ReadingRoomBoxes.AssertDrawnAsync(site, page, ".hit-box", await ReadingRoomBoxes.HitBoxesAsync(site, PagesSite.Classical, "清远", 1));
        var current = ImageBox.Parse((await page.Locator("#viewer .hit-box.current").First.GetAttributeAsync("data-xywh"))!);
        Assert.True(Holds(current, QingyuanColumnX, QingMiddleY) && Holds(current, QingyuanColumnX, YuanMiddleY), $"the current hit's box {current} is not on 清遠");
        // The same hits are marked in the transcription beside the image, the current one set apart.
        await AssertTextHitsAsync(page, await page.Locator("#item-hits li[data-page='1']").CountAsync());
        await PagesSite.ScreenshotAsync(page, $"reader-{device}-search-p1");

        // The next hit is on a later page: the page turns (the address keeps the query) and that page's boxes are drawn.
        var hitPages = (await page.Locator("#item-hits li").EvaluateAllAsync<int[]>("els => els.map(e => Number(e.dataset.page))")).ToList();
        var nextPage = hitPages[hitPages.IndexOf(1) + hitPages.Count(p => p == 1)];
        for (var i = 0; i < hitPages.Count(p => p == 1); i++) await page.Locator(".hit-steps button[data-step='1']").ClickAsync();
        await Arrival.AtAsync(page, url => url.Contains($"/items/{PagesSite.Classical}/p/{nextPage}?q=", StringComparison.Ordinal));
        await ReadingRoomBoxes.AssertDrawnAsync(site, page, ".hit-box", await ReadingRoomBoxes.HitBoxesAsync(site, PagesSite.Classical, "清远", nextPage));
        await Assertions.Expect(page.Locator("#viewer .hit-box.current").First).ToBeAttachedAsync();
        await page.Locator($"#page-text[data-page='{nextPage}']").WaitForAsync();
        await Assertions.Expect(page.Locator(".hit-position")).ToContainTextAsync($"{hitPages.Count(p => p == 1) + 1}");
        await AssertTextHitsAsync(page, hitPages.Count(p => p == nextPage));
        await PagesSite.ScreenshotAsync(page, $"reader-{device}-search-p{nextPage}");

        // Previous goes back to page 1; a hit in the list opens its own page.
        await page.Locator(".hit-steps button[data-step='-1']").ClickAsync();
        await Arrival.AtAsync(page, url => url.Contains($"/items/{PagesSite.Classical}/p/1?q=", StringComparison.Ordinal));
        var lastPage = hitPages[^1];
        await page.Locator("#item-hits li a").Last.ClickAsync();
        await Arrival.AtAsync(page, url => url.Contains($"/items/{PagesSite.Classical}/p/{lastPage}?q=", StringComparison.Ordinal));
        await ReadingRoomBoxes.AssertDrawnAsync(site, page, ".hit-box", await ReadingRoomBoxes.HitBoxesAsync(site, PagesSite.Classical, "清远", lastPage));
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth > 0 ? 1 : 0"));
        Assert.All(iiif, r => Assert.True(r.Status == 200, $"{r.Url}: {r.Status}"));
        await page.Context.CloseAsync();
    }

    /// <summary>The page's hits are marked in its transcription, each on the matched 清遠, exactly one of them current.</summary>
    private static async Task AssertTextHitsAsync(IPage page, int hitsOnPage)
    {
        Assert.True(hitsOnPage > 0);
        var marks = page.Locator("#page-text mark.text-hit");
        await Assertions.Expect(page.Locator("#page-text mark.text-hit.current")).ToHaveCountAsync(1);
        // A hit crossing a line break is marked in two pieces: count the hits by their current/plain runs' text.
        var texts = await marks.AllInnerTextsAsync();
        Assert.Equal(hitsOnPage, texts.Count(t => t.Length > 0 && t[0] == '清'));
        Assert.All(texts, t => Assert.Matches("^(清[遠逺]?|[遠逺])$", t));
    }

    [Fact]
    public async Task Zoomed_in_elsewhere_on_the_page_choosing_a_hit_brings_it_into_view_at_the_same_zoom()
    {
        var page = await site.NewPageAsync();
        var iiif = RecordIiif(page);
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}/p/1?q=" + Uri.EscapeDataString("清远")));
        await WaitForTileAsync(page, iiif);
        var current = page.Locator("#viewer .hit-box.current").First;
        await current.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var viewer = (await page.Locator("#viewer").BoundingBoxAsync())!;
        var whole = (await current.BoundingBoxAsync())!;

        // The reader zooms into the bottom-left corner with the mouse wheel, far from 清遠 (upper right of the page).
        await page.Mouse.MoveAsync(viewer.X + 30, viewer.Y + viewer.Height - 30);
        for (var i = 0; i < 8; i++) { await page.Mouse.WheelAsync(0, -200); await Task.Delay(60); }
        await WaitUntilAsync(async () => !Within(viewer, (await current.BoundingBoxAsync())!), "the hit never left the view while zooming in elsewhere");
        await Task.Delay(600); // the zoom's animation settles
        var zoomed = (await current.BoundingBoxAsync())!;
        Assert.True(zoomed.Width > whole.Width * 2, $"the wheel did not zoom in ({whole.Width:F0} → {zoomed.Width:F0} px)");

        // Choosing the hit in the list pans the view to it and keeps the reader's zoom (the list may scroll the page).
        await page.Locator("#item-hits li a[aria-current]").ClickAsync();
        var viewerBox = page.Locator("#viewer");
        await WaitUntilAsync(async () => Within((await viewerBox.BoundingBoxAsync())!, (await current.BoundingBoxAsync())!), "the chosen hit was not brought into view");
        await Task.Delay(600);
        await viewerBox.ScrollIntoViewIfNeededAsync();
        var shown = (await current.BoundingBoxAsync())!;
        Assert.True(Within((await viewerBox.BoundingBoxAsync())!, shown), $"the hit at {shown.X:F0},{shown.Y:F0} is outside the viewer");
        Assert.InRange(shown.Width, zoomed.Width * 0.9, zoomed.Width * 1.1);
        await PagesSite.ScreenshotAsync(page, "reader-hit-brought-into-view");
        await page.Context.CloseAsync();
    }

    private static bool Within(LocatorBoundingBoxResult outer, LocatorBoundingBoxResult inner) =>
        inner.X >= outer.X && inner.Y >= outer.Y && inner.X + inner.Width <= outer.X + outer.Width && inner.Y + inner.Height <= outer.Y + outer.Height;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string message)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !await condition(); await Task.Delay(100))
            Assert.True(DateTime.UtcNow < deadline, message);
    }

    [Fact]
    public async Task Without_script_the_item_search_lists_its_hits_as_links_to_their_pages()
    {
        var html = await site.Host.Client.GetStringAsync($"/items/{PagesSite.Classical}?q=" + Uri.EscapeDataString("清远"));
        var links = System.Text.RegularExpressions.Regex.Matches(html, "<li data-page=\"(\\d+)\" data-hit=\"\\d+\"><a href=\"([^\"]+)\"");
        Assert.True(links.Count >= 3, html);
        Assert.All(links, m => Assert.StartsWith($"/items/{PagesSite.Classical}/p/{m.Groups[1].Value}?q=%E6%B8%85%E8%BF%9C", m.Groups[2].Value));
        Assert.Matches("<mark>清[遠逺]</mark>", html);
    }

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task Choosing_a_line_of_the_transcription_draws_its_box_on_the_image(int width, int height, string device)
    {
        var page = await site.NewPageAsync(width, height);
        var iiif = RecordIiif(page);
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}/p/1"));
        await WaitForTileAsync(page, iiif);
        Assert.True(await page.Locator("#page-text .line[data-box]").CountAsync() >= 5, "the aligned lines carry no boxes");

        // The column printed with 清遠 is where its ink is.
        var line = page.Locator("#page-text .line[data-box]", new() { HasText = "清遠" }).First;
        await line.ClickAsync();
        var box = ImageBox.Parse((await line.GetAttributeAsync("data-box"))!);
        Assert.True(Holds(box, QingyuanColumnX, QingMiddleY), $"the line's box {box} is not on its column");
        await ReadingRoomBoxes.AssertDrawnAsync(site, page, ".line-box", [box]);
        await Assertions.Expect(line).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        await PagesSite.ScreenshotAsync(page, $"reader-{device}-line-box");

        // The keyboard reaches the next line and its box follows.
        await line.FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var focused = page.Locator("#page-text .line:focus");
        var next = ImageBox.Parse((await focused.GetAttributeAsync("data-box"))!);
        Assert.NotEqual(box, next);
        await ReadingRoomBoxes.AssertDrawnAsync(site, page, ".line-box", [next]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_page_image_downloads_at_the_sizes_the_rights_allow()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}/p/1"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var (width, height) = await ReadingRoomBoxes.ImageSizeAsync(site, PagesSite.Classical, 1);

        // Public domain and CC BY-SA: the full image and a 1000 px copy.
        var downloads = page.Locator("#page-downloads");
        Assert.Equal("open", await downloads.GetAttributeAsync("data-rights"));
        Assert.Equal((width, height), await JpegSizeAsync(await downloads.Locator("a[data-size=full]").GetAttributeAsync("href")));
        var reduced = await JpegSizeAsync(await downloads.Locator("a[data-size=reduced]").GetAttributeAsync("href"));
        Assert.Equal(1000, Math.Max(reduced.Width, reduced.Height));
        var file = await page.RunAndWaitForDownloadAsync(() => downloads.Locator("a[data-size=reduced]").ClickAsync());
        Assert.Equal($"{PagesSite.Classical}-p001-{reduced.Width}x{reduced.Height}.jpg", file.SuggestedFilename);
        await PagesSite.ScreenshotAsync(page, "reader-downloads-open");

        // Turning the page offers that page's image.
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}/p/1"));
        await page.Keyboard.PressAsync("ArrowLeft");
        // The address turns at once (in place, or a whole page load before the viewer is there); the test waits for the
        // offer, not for the new page's load event, which on a loaded machine waited for images past 90 s.
        await Arrival.AtAsync(page, site.Url($"/items/{PagesSite.Classical}/p/2"), until: null);
        await Assertions.Expect(page.Locator("#page-downloads a[data-size=full]")).ToHaveAttributeAsync("href", $"/iiif/3/{PagesSite.Classical}~p002/full/max/0/default.jpg?download", new() { Timeout = 60_000 });

        // All rights reserved: a 600 px reference copy only.
        await page.GotoAsync(site.Url($"/items/{PagesSite.Modern}"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal("restricted", await downloads.GetAttributeAsync("data-rights"));
        Assert.Equal(0, await downloads.Locator("a[data-size=full]").CountAsync());
        Assert.Equal(1, await downloads.Locator("a").CountAsync());
        var restricted = await JpegSizeAsync(await downloads.Locator("a[data-size=reduced]").GetAttributeAsync("href"));
        Assert.True(Math.Max(restricted.Width, restricted.Height) <= 600, $"{restricted}");
        await PagesSite.ScreenshotAsync(page, "reader-downloads-restricted");
        await page.Context.CloseAsync();
    }

    private async Task<(int Width, int Height)> JpegSizeAsync(string? href)
    {
        using var response = await site.Host.Client.GetAsync(href);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        using var image = NetVips.Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        return (image.Width, image.Height);
    }

    [Fact]
    public async Task The_item_page_with_hits_and_a_chosen_line_has_no_serious_axe_violations_in_either_language()
    {
        var path = $"/items/{PagesSite.Classical}/p/1?q=" + Uri.EscapeDataString("清远");
        foreach (var language in new[] { "zh", "en" })
        {
            var page = await site.NewPageAsync();
            await page.GotoAsync(site.Url($"/language/{language}?back={Uri.EscapeDataString(path)}"));
            await page.Locator("#viewer .hit-box.current").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.Locator("#page-text .line[data-box]").First.ClickAsync();
            await page.Locator("#viewer .line-box").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var result = await page.RunAxe();
            var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            await PagesSite.ScreenshotAsync(page, $"reader-search-axe-{language}");
            Assert.True(bad.Count == 0, $"{path} ({language}): " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Script_in_a_search_inside_the_item_never_runs()
    {
        const string hostile = "<img src=x onerror=alert(1)>";
        var dialogs = new List<string>();
        var page = await site.NewPageAsync(dialogs: dialogs);
        await page.GotoAsync(site.Url($"/items/{PagesSite.Classical}?q=" + Uri.EscapeDataString(hostile)));
        Assert.Equal(hostile, await page.Locator("#item-q").InputValueAsync());
        await Assertions.Expect(page.Locator(".hit-count")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(|正在检索…)$"));

        await page.Locator("#item-q").FillAsync("清远 " + hostile.Replace("1", "2", StringComparison.Ordinal));
        await page.Locator("#item-q").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".hit-count")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(|正在检索…)$"));
        Assert.Equal(0, await page.Locator("#item-search img, #item-search script").CountAsync());
        await PagesSite.ScreenshotAsync(page, "reader-search-hostile");
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Where an element is once it shows: a page turn replaces the page's parts, and for a moment the old ones are
    /// detached (no box) while the new ones are not yet laid out.
    /// </summary>
    private static async Task<LocatorBoundingBoxResult> BoxOfAsync(ILocator element)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(100))
        {
            await Assertions.Expect(element).ToBeVisibleAsync(new() { Timeout = 60_000 });
            if (await element.BoundingBoxAsync() is { } box) return box;
            Assert.True(DateTime.UtcNow < deadline, $"{element} never settled on the page");
        }
    }
}
