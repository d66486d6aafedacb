using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using QyHeritage.Immersive.Rendering;
using QyHeritage.Web.Tests.Exhibitions;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Halls;

/// <summary>The hall page's 360° viewer (client/src/panorama-viewer.ts) in headless chromium at a phone's width.</summary>
[Collection(HallSiteCollection.Name)]
public class PanoramaViewerBrowserTests(HallSite site)
{
    [Fact]
    public async Task On_a_390_px_phone_a_stop_opens_its_panorama_which_turns_when_dragged_and_steps_to_the_next_stop()
    {
        var id = ExhibitionSite.Id;
        (await site.WaitForPictureAsync($"/halls/{id}/stops/1.jpg", TimeSpan.FromSeconds(400))).Dispose();
        var page = await site.NewPageAsync(390, 844);
        await page.GotoAsync(site.Url($"/halls/{id}"));
        var section = page.Locator("[data-panoramas]");
        await Poll(page, "document.querySelector('[data-panoramas]')?.dataset.enhanced === 'true'");
        // The panoramas' script and style come beside the hall's own, not instead of them: the 3D hall still starts.
        Assert.True(await page.EvaluateAsync<bool>("!!window.qyHall"), "the hall's script did not run on the page with panoramas");
        var links = section.Locator("a[data-stop]");
        var stops = ExhibitionSite.Story().Sections.Count + ExhibitionSite.Story().Exhibits.Count();
        Assert.Equal(stops, await links.CountAsync());
        Assert.StartsWith($"/halls/{id}/stops/1.jpg?v=", await links.First.GetAttributeAsync("href"));

        await links.First.ClickAsync();
        var canvas = section.Locator("[data-panorama-viewer] canvas");
        await Poll(page, "document.querySelector('[data-panorama-viewer] canvas')?.dataset.state === 'ready'");
        var box = (await canvas.BoundingBoxAsync())!;
        Assert.True(box.Width <= 390 && box.X >= 0, $"the viewer is {box.Width} px wide at x {box.X} on a 390 px screen");
        Assert.True(box.Height > 200, $"the viewer is {box.Height} px high");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");
        var before = RenderedImage.Decode(await canvas.ScreenshotAsync());
        await PagesSite.ScreenshotAsync(page, "hall-panorama-phone");
        Assert.True(Spread(before) > 20, "the viewer shows a picture, not a flat colour");
        // What the viewer shows faces the stop's view direction: the centre of the panorama (the hall's pictures are lit
        // walls, frames and exhibits): compare with the served JPEG's centre region on average colour.
        var served = RenderedImage.Decode(await (await site.Host.Client.GetAsync($"/halls/{id}/stops/1.jpg")).Content.ReadAsByteArrayAsync());
        // The viewer shows about 63° × 75° around the centre (fov 75° vertical on a 4:5 canvas): 714 × 853 px of the panorama.
        var centre = served.Crop(served.Width / 2 - 357, served.Height / 2 - 426, 714, 853);
        var shown = Mean(before);
        var expected = Mean(centre);
        Assert.True(Math.Abs(shown - expected) < 40, $"the viewer's mean level {shown:F0} is far from the panorama centre's {expected:F0}");

        // Drag to look: the view turns and the picture changes.
        var yaw0 = await canvas.GetAttributeAsync("data-yaw");
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 150, box.Y + box.Height / 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        // data-yaw follows the drawn frame (the hall's own 3D view draws on the same page and may hold the next one back).
        await Poll(page, $"document.querySelector('[data-panorama-viewer] canvas').dataset.yaw !== '{yaw0}'");
        var yaw1 = await canvas.GetAttributeAsync("data-yaw");
        Assert.True(double.Parse(yaw1!, System.Globalization.CultureInfo.InvariantCulture) > 0, "dragging right turns the view left (the picture follows the finger)");
        var after = RenderedImage.Decode(await canvas.ScreenshotAsync());
        Assert.True(before.MeanAbsoluteError(after) > 3, "the picture did not change when dragged");

        // The keyboard turns it too; the next stop loads its own panorama.
        await canvas.FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Poll(page, $"document.querySelector('[data-panorama-viewer] canvas').dataset.yaw !== '{yaw1}'");
        var title = await section.Locator("[data-panorama-title]").TextContentAsync();
        await section.Locator("button[data-act=panorama-next]").ClickAsync();
        await Poll(page, "document.querySelector('[data-panorama-viewer] canvas')?.dataset.state === 'ready'");
        Assert.NotEqual(title, await section.Locator("[data-panorama-title]").TextContentAsync());
        Assert.Equal("true", await links.Nth(1).GetAttributeAsync("aria-current"));

        // Cardboard: two side-by-side views of the same direction.
        await section.Locator("button[data-act=panorama-cardboard]").ClickAsync();
        await page.WaitForTimeoutAsync(300);
        var pair = RenderedImage.Decode(await canvas.ScreenshotAsync());
        var half = pair.Width / 2;
        Assert.True(pair.Crop(0, 0, half, pair.Height).MeanAbsoluteError(pair.Crop(half, 0, half, pair.Height)) < 3, "the two cardboard views differ");
        await PagesSite.ScreenshotAsync(page, "hall-panorama-cardboard");

        var axe = await page.RunAxe();
        var bad = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, string.Join("; ", bad.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
        await page.Context.CloseAsync();
    }

    /// <summary>The CSP refuses eval (WaitForFunctionAsync(string)): poll with EvaluateAsync.</summary>
    private static async Task Poll(IPage page, string condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await page.EvaluateAsync<bool>($"() => {condition}"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"not true within 60 s: {condition}");
            await Task.Delay(100);
        }
    }

    private static double Mean(RenderedImage image) => image.Rgba.Where((_, i) => i % 4 != 3).Average(b => (double)b);

    private static double Spread(RenderedImage image)
    {
        var levels = image.Rgba.Where((_, i) => i % 4 == 1).Select(b => (int)b).ToArray();
        return levels.Max() - levels.Min();
    }
}
