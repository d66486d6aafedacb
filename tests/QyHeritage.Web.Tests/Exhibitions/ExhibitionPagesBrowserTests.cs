using System.Net;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QyHeritage.Iiif.Presentation.Model;
using QyHeritage.Iiif.Presentation.Model.Json;
using QyHeritage.Web.Tests.Mirador;
using QyHeritage.Web.Tests.Pages;
using QyHeritage.Web.Tests.UniversalViewer;

namespace QyHeritage.Web.Tests.Exhibitions;

/// <summary>The public exhibition pages in a real browser, and the exhibition's IIIF manifest as served.</summary>
public class ExhibitionPagesBrowserTests(ExhibitionSite site) : IClassFixture<ExhibitionSite>
{
    private static string StoryPath => $"/exhibitions/{ExhibitionSite.Id}";

    [Fact]
    public async Task The_story_asks_the_image_server_for_exactly_the_region_the_curator_chose()
    {
        var page = await site.NewPageAsync();
        var images = new List<string>();
        page.Request += (_, r) => { if (r.Url.Contains("/iiif/3/", StringComparison.Ordinal)) lock (images) images.Add(r.Url); };
        var response = await page.GotoAsync(site.Url(StoryPath));
        Assert.Equal(200, response!.Status);
        await Arrival.LoadStateAsync(page, LoadState.NetworkIdle);

        // The first exhibit's image is requested at once, with its region; it arrives and is drawn.
        lock (images) Assert.Contains(images, u => u.Contains($"/iiif/3/QY-RB-008~p001/{ExhibitionSite.GorgeRegion.ToIiif()}/", StringComparison.Ordinal));
        var first = page.Locator("#x-gorge img");
        Assert.True(await first.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the region image did not load");
        // Scrolling down brings the later exhibits' regions.
        await page.Locator("#x-chashan img").ScrollIntoViewIfNeededAsync();
        await Arrival.LoadStateAsync(page, LoadState.NetworkIdle);
        lock (images) Assert.Contains(images, u => u.Contains($"/iiif/3/QY-LH-002~p001/{ExhibitionSite.TeaRegion.ToIiif()}/", StringComparison.Ordinal));
        // The whole page is one click away, in the reading room at that page.
        Assert.Equal("/items/QY-RB-008/p/1", await page.Locator("#x-gorge .exhibit-links a").GetAttributeAsync("href"));

        Assert.Equal(["溱水", "湞陽茶山"], (await page.Locator("section.exhibition-section > h2 > span[lang=zh]").AllInnerTextsAsync()).ToList());
        Assert.Equal("Zhenyang is today's Yingde.", await page.Locator("#x-gorge p[lang=en]").InnerTextAsync());
        Assert.Contains("酈道元", string.Join("\n", await page.Locator("#x-gorge .attribution").AllInnerTextsAsync()));
        await ExhibitionSite.ScreenshotAsync(page, "exhibition-story-desktop");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hostile_label_shows_as_text_and_runs_nothing()
    {
        var dialogs = new List<string>();
        var page = await site.NewPageAsync(dialogs: dialogs);
        await page.GotoAsync(site.Url(StoryPath));
        await page.Locator("#x-hostile").ScrollIntoViewIfNeededAsync();
        await Arrival.LoadStateAsync(page, LoadState.NetworkIdle);
        Assert.Equal(ExhibitionSite.Hostile, await page.Locator("#x-hostile h3 span[lang=zh]").InnerTextAsync());
        Assert.Equal("<script>alert(2)</script>", await page.Locator("#x-hostile .bi-text p[lang=zh]").InnerTextAsync());
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
        Assert.Equal("第二段 <b>不是粗体</b>。", await page.Locator(".exhibition-head .bi-text p[lang=zh]").Nth(1).InnerTextAsync());
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("exhibitions", "/exhibitions")]
    [InlineData("exhibition-story", "/exhibitions/" + ExhibitionSite.Id)]
    public async Task The_exhibition_pages_have_no_serious_or_critical_axe_violations_in_either_language(string name, string path)
    {
        foreach (var language in new[] { "zh", "en" })
        {
            var page = await site.NewPageAsync();
            await page.GotoAsync(site.Url($"/language/{language}?back={Uri.EscapeDataString(path)}"));
            await Arrival.LoadStateAsync(page, LoadState.NetworkIdle);
            var result = await page.RunAxe();
            var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            await ExhibitionSite.ScreenshotAsync(page, $"{name}-{language}");
            Assert.True(bad.Count == 0, $"{path} ({language}): " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_390_px_phone_the_story_fits_the_screen()
    {
        var page = await site.NewPageAsync(390, 844);
        await page.GotoAsync(site.Url(StoryPath));
        await Arrival.LoadStateAsync(page, LoadState.NetworkIdle);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await ExhibitionSite.ScreenshotAsync(page, "exhibition-story-phone");
        Assert.True(width <= 390, $"the story is {width} px wide on a 390 px screen");
        var image = await page.Locator("#x-gorge img").BoundingBoxAsync();
        Assert.True(image!.Width <= 390 && image.Height <= 844, $"the first region is {image.Width}×{image.Height}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_script_the_html_already_holds_every_region_and_link()
    {
        var html = await site.Host.Client.GetStringAsync(StoryPath);
        Assert.Contains($"/iiif/3/QY-RB-008~p001/{ExhibitionSite.GorgeRegion.ToIiif()}/", html);
        Assert.Contains($"/iiif/3/QY-LH-002~p001/{ExhibitionSite.TeaRegion.ToIiif()}/", html);
        Assert.Contains("href=\"/items/QY-LH-002/p/1\"", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.DoesNotContain(ExhibitionSite.Hostile, html);

        var list = await site.Host.Client.GetStringAsync("/exhibitions");
        Assert.Contains($"href=\"/exhibitions/{ExhibitionSite.Id}\"", list);
        Assert.DoesNotContain("unpublished-draft", list);
        Assert.Contains($"href=\"/exhibitions/{ExhibitionSite.Id}\"", await site.Host.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Unknown_or_unpublished_exhibitions_are_a_bilingual_404()
    {
        foreach (var path in new[] { "/exhibitions/unpublished-draft", "/exhibitions/no-such", "/exhibitions/Bad%20Id" })
        {
            using var r = await site.Host.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Contains("已发布展览", await r.Content.ReadAsStringAsync());
        }
        using var m = await site.Host.Client.GetAsync("/iiif/presentation/exhibitions/unpublished-draft/manifest");
        Assert.Equal(HttpStatusCode.NotFound, m.StatusCode);
    }

    [Fact]
    public async Task The_manifest_is_served_and_round_trips_through_the_typed_model()
    {
        using var response = await site.Host.Client.GetAsync($"/iiif/presentation/exhibitions/{ExhibitionSite.Id}/manifest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var served = await response.Content.ReadAsStringAsync();
        var parsed = PresentationJson.Parse<Manifest>(served);
        Assert.True(parsed.IsValid, parsed.Error);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(served), JsonNode.Parse(PresentationJson.Write(parsed.Get()))), served);
        var manifest = parsed.Get();
        Assert.Equal(3, manifest.Items!.Count);
        Assert.Equal(2, manifest.Structures!.Count);
        Assert.EndsWith($"/exhibitions/{ExhibitionSite.Id}", manifest.Homepage!.Single().Id);

        // The painting of the first canvas is the region the story page shows, and the image server answers it.
        var body = (Image)manifest.Items[0].Items!.Single().Items!.Single().Body!;
        Assert.Contains($"/{ExhibitionSite.GorgeRegion.ToIiif()}/", body.Id);
        using var image = await site.Host.Client.GetAsync(new Uri(body.Id!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_exhibition_manifest_opens_in_Mirador_4_with_a_canvas_per_exhibit_showing_its_region()
    {
        var baseUrl = site.Host.Client.BaseAddress!.ToString().TrimEnd('/');
        var manifestId = $"{baseUrl}/iiif/presentation/exhibitions/{ExhibitionSite.Id}/manifest";
        var viewer = await MiradorViewer.OpenAsync(site.Browser, baseUrl);
        var page = viewer.Page;
        var images = new List<string>();
        page.Request += (_, r) => { if (r.Url.Contains("/iiif/3/", StringComparison.Ordinal)) lock (images) images.Add(r.Url); };
        await viewer.RunAsync("exhibition", async () =>
        {
            // The gallery: one canvas per exhibit, labelled as the curator wrote it (English, Mirador's language; the
            // hostile label as text), each drawn from the Image API request for exactly its region.
            await viewer.StartAsync(manifestId, "\"view\": \"gallery\"");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The North River and the Tea Mountain" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var gallery = page.GetByRole(AriaRole.Region, new() { Name = "gallery section" }).GetByRole(AriaRole.Button);
            await Assertions.Expect(gallery).ToHaveCountAsync(3, new() { Timeout = 30_000 });
            Assert.Equal(["The Zhen flows south into Zhenyang", ExhibitionSite.Hostile, "Five li north of Zhenyang is a Tea Mountain"],
                await gallery.EvaluateAllAsync<string[]>("bs => bs.map(b => b.getAttribute('aria-label') || b.innerText.trim())"));
            // Mirador asks for gallery thumbnails as they scroll into view, which on a loaded machine can come after
            // the network first goes quiet: wait for the requests themselves.
            string[] regions = [$"/iiif/3/QY-RB-008~p001/{ExhibitionSite.GorgeRegion.ToIiif()}/", $"/iiif/3/QY-LH-002~p001/{ExhibitionSite.TeaRegion.ToIiif()}/"];
            bool Requested(string region) { lock (images) return images.Any(u => u.Contains(region, StringComparison.Ordinal)); }
            for (var deadline = DateTime.UtcNow.AddSeconds(60); !regions.All(Requested) && DateTime.UtcNow < deadline; await Task.Delay(250)) { }
            Assert.All(regions, r => Assert.True(Requested(r), $"Mirador never asked for {r}"));
            var drawn = 0;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); drawn < 3 && DateTime.UtcNow < deadline; await Task.Delay(250))
                drawn = await page.Locator("img").EvaluateAllAsync<int>("imgs => imgs.filter(i => i.src.includes('/iiif/3/') && i.complete && i.naturalWidth > 0).length");
            Assert.True(drawn >= 3, $"Mirador drew {drawn} of the 3 exhibit images");
            Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
            await page.ScreenshotAsync(new() { Path = MiradorViewer.Screenshot("exhibition-gallery.png") });
        });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_exhibition_manifest_opens_in_the_Universal_Viewer_4_with_a_thumbnail_per_exhibit_and_the_first_region_drawn()
    {
        var baseUrl = site.Host.Client.BaseAddress!.ToString().TrimEnd('/');
        var manifestId = $"{baseUrl}/iiif/presentation/exhibitions/{ExhibitionSite.Id}/manifest";
        var gorge = $"/iiif/3/QY-RB-008~p001/{ExhibitionSite.GorgeRegion.ToIiif()}/";
        var tea = $"/iiif/3/QY-LH-002~p001/{ExhibitionSite.TeaRegion.ToIiif()}/";
        var answered = new List<string>();
        var failed = new List<string>();
        var viewer = await UniversalViewerPage.OpenAsync(site.Browser, baseUrl, manifestId);
        var page = viewer.Page;
        page.Response += (_, r) =>
        {
            // OpenSeadragon 4 under UV 4.4 asks for its button images at "/images/data:…" (prefixUrl before a data:
            // URI), a 404 of the viewer's own that shows nothing amiss: its buttons are drawn from CSS.
            if (r.Status >= 400 && !r.Url.Contains("/images/data:", StringComparison.Ordinal)) lock (failed) failed.Add($"{r.Status} {r.Url}");
            else if (r.Url.Contains("/iiif/3/", StringComparison.Ordinal)) lock (answered) answered.Add(r.Url);
        };
        await viewer.RunAsync("exhibition", async () =>
        {
            // The manifest's label as the viewer's title, and "Image 1 of 3": one canvas per exhibit.
            await Assertions.Expect(page.Locator("h1.title")).ToHaveTextAsync("The North River and the Tea Mountain", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator(".headerPanel .total")).ToHaveTextAsync("of 3");

            // The thumbnails: one per exhibit, in order, labelled as the curator wrote it (the hostile label as text),
            // each drawn from the Image API request for its region.
            var thumbs = page.GetByRole(AriaRole.Listbox, new() { Name = "Thumbnails" }).GetByRole(AriaRole.Option);
            await Assertions.Expect(thumbs).ToHaveCountAsync(3, new() { Timeout = 30_000 });
            var labels = await thumbs.EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('aria-label'))");
            var story = ExhibitionSite.Story().Sections.SelectMany(s => s.Exhibits).ToList();
            for (var i = 0; i < 3; i++)
                Assert.True(labels[i] == story[i].Label.Zh || labels[i] == story[i].Label.En, $"thumbnail {i + 1} is labelled {labels[i]}");
            var thumbImages = thumbs.Locator("img");
            await Assertions.Expect(thumbImages).ToHaveCountAsync(3);
            var sources = await thumbImages.EvaluateAllAsync<string[]>("is => is.map(i => i.getAttribute('src'))");
            Assert.Contains(gorge, sources[0]);
            Assert.Contains("/iiif/3/QY-RB-008~p002/full/", sources[1]);
            Assert.Contains(tea, sources[2]);
            var drawn = 0;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); drawn < 3 && DateTime.UtcNow < deadline; await Task.Delay(250))
                drawn = await thumbImages.EvaluateAllAsync<int>("is => is.filter(i => i.complete && i.naturalWidth > 0).length");
            Assert.True(drawn == 3, $"the Universal Viewer drew {drawn} of the 3 thumbnails");

            // The first canvas in the deep-zoom view: OpenSeadragon is given exactly the region, answered by our image
            // server, and paints the page's paper (not the black of an empty viewer) in the middle of its canvas.
            var osd = page.Locator(".openseadragon-canvas > canvas").First;
            var paper = 0.0;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); paper < 0.5 && DateTime.UtcNow < deadline; await Task.Delay(250))
                paper = await osd.EvaluateAsync<double>(@"c => {
                    const g = c.getContext('2d'), w = 40, h = 200;
                    const d = g.getImageData(Math.floor(c.width / 2 - w / 2), Math.floor(c.height / 2 - h / 2), w, h).data;
                    let light = 0;
                    for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 450) light++;
                    return light / (w * h);
                }");
            Assert.True(paper >= 0.5, $"the deep-zoom view's middle is {paper:P0} paper-coloured: the first region was not drawn");
            lock (answered) Assert.Contains(answered, u => u.Contains(gorge, StringComparison.Ordinal) && !u.Contains($"{gorge}80,256/", StringComparison.Ordinal));
            lock (failed) Assert.Empty(failed);
            Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
            await page.ScreenshotAsync(new() { Path = UniversalViewerPage.Screenshot("exhibition.png") });
        });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_story_offers_the_hall_once_it_is_compiled_and_leading_a_tour_of_it()
    {
        // No hall compiled (its record removed, as before the first compile): no way into one.
        var archive = site.Host.Services.GetRequiredService<QyHeritage.Archive.ArchiveServices>();
        var record = QyHeritage.Web.Features.Halls.HallDerivatives.RecordKey(ExhibitionSite.Id);
        await archive.Store.DeleteAsync(record);
        var html = await site.Host.Client.GetStringAsync(StoryPath);
        Assert.DoesNotContain("id=\"walk-hall\"", html);
        Assert.Contains($"href=\"/tours?exhibition={ExhibitionSite.Id}\"", html);

        using (var glb = await site.Host.Client.GetAsync($"/halls/{ExhibitionSite.Id}.glb")) Assert.Equal(HttpStatusCode.OK, glb.StatusCode);
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url(StoryPath));
        await Assertions.Expect(page.Locator("#walk-hall")).ToHaveTextAsync("走进展厅 Walk through the hall");
        await Assertions.Expect(page.Locator("#lead-tour")).ToHaveTextAsync("带领导览 Lead a tour");
        await ExhibitionSite.ScreenshotAsync(page, "exhibition-story-ways");
        await page.Locator("#walk-hall").ClickAsync();
        await Arrival.AtAsync(page, u => u.EndsWith($"/halls/{ExhibitionSite.Id}", StringComparison.Ordinal));
        // Leading a tour is staff work: a visitor is asked to sign in, and comes back to the start form with it chosen.
        await page.GotoAsync(site.Url(StoryPath));
        await page.Locator("#lead-tour").ClickAsync();
        await Arrival.AtAsync(page, u => u.Contains("/account/signin?returnUrl=", StringComparison.Ordinal));
        Assert.Contains(Uri.EscapeDataString($"/tours?exhibition={ExhibitionSite.Id}"), page.Url);
        var password = await Accounts.StaffSession.CreateAsync(site.Host, "guide-ways", "guide");
        await page.GetByLabel("用户名").FillAsync("guide-ways");
        await page.GetByLabel("密码").FillAsync(password);
        await page.Locator("form button[type=submit]").Last.ClickAsync();
        await Arrival.AtAsync(page, u => u.Contains("/tours?exhibition=", StringComparison.Ordinal));
        Assert.Equal(ExhibitionSite.Id, await page.Locator("#exhibition").InputValueAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_story_page_travels_compressed_and_pages_with_an_antiforgery_token_do_not()
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = site.Host.Client.BaseAddress };
        async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string path, string encodings)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encodings);
            var response = await client.SendAsync(request);
            return (response, await response.Content.ReadAsByteArrayAsync());
        }

        var (plain, plainBody) = await GetAsync(StoryPath, "identity");
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var (br, brBody) = await GetAsync(StoryPath, "gzip, deflate, br");
        Assert.Equal(["br"], br.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", br.Headers.Vary);
        using (var decoded = new System.IO.Compression.BrotliStream(new MemoryStream(brBody), System.IO.Compression.CompressionMode.Decompress))
        using (var text = new StreamReader(decoded))
            Assert.Contains(ExhibitionSite.GorgeRegion.ToIiif(), await text.ReadToEndAsync());
        Assert.True(brBody.Length * 2 < plainBody.Length, $"the story page is {brBody.Length} bytes compressed, {plainBody.Length} plain");
        var (gz, _) = await GetAsync(StoryPath, "gzip");
        Assert.Equal(["gzip"], gz.Content.Headers.ContentEncoding);

        // BREACH: the sign-in form holds an anti-forgery token, and is never compressed.
        var (signIn, signInBody) = await GetAsync("/account/signin", "gzip, deflate, br");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Empty(signIn.Content.Headers.ContentEncoding);
        Assert.Contains("__RequestVerificationToken", System.Text.Encoding.UTF8.GetString(signInBody));
        // Nor a signed-in page whose form's token the Razor component asks for (the workshop's create form, a tour's start).
        using var curator = await Accounts.StaffSession.SignedInAsync(site.Host, "curator");
        foreach (var path in new[] { "/workshop", "/tours" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
            using var page = await curator.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Empty(page.Content.Headers.ContentEncoding);
            Assert.Contains("__RequestVerificationToken", await page.Content.ReadAsStringAsync());
        }
    }
}

