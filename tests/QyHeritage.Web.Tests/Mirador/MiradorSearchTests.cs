using System.Text.Json;
using Microsoft.Playwright;
using QyHeritage.Web.Tests.Hosting;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Mirador;

/// <summary>
/// A researcher opens one of our manifests in Mirador 4 (npm <c>mirador</c>, its prebuilt bundle from tools/node)
/// in Debian's chromium, and searches it: Mirador knows only Content Search 0/1, so this is what shows that the
/// 1.0 service beside 2.0 is found and read. The page reaches nothing but the host on loopback.
/// </summary>
public class MiradorSearchTests(IngestedSample sample) : IClassFixture<IngestedSample>
{
    private const string Item = "QY-RB-001";

    [Fact]
    public async Task Mirador_4_opens_a_manifest_finds_its_search_service_and_lists_the_hits_for_qingyuan()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, "--Qy:IngestSampleOnFirstStart=false");
        await sample.WaitUntilIndexedAsync();
        var baseUrl = host.Client.BaseAddress!.ToString().TrimEnd('/');
        var manifestId = $"{baseUrl}/iiif/presentation/{Item}/manifest";
        // What Mirador should list: the 1.0 service's hits for 清远 (printed 清遠 in this book).
        using var expected = JsonDocument.Parse(await host.Client.GetStringAsync($"/iiif/search/{Item}/v1?q={Uri.EscapeDataString("清远")}"));
        var hits = expected.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("match").GetString()!).ToList();
        Assert.True(hits.Count > 0, "the service itself finds nothing");

        await using var chromium = await PagesSite.LaunchChromiumAsync();
        var browser = chromium.Browser;
        var viewer = await MiradorViewer.OpenAsync(browser, baseUrl);
        await viewer.RunAsync("0", () => SearchInMiradorAsync(viewer, manifestId, hits));
    }

    private static async Task SearchInMiradorAsync(MiradorViewer viewer, string manifestId, IReadOnlyList<string> hits)
    {
        var page = viewer.Page;
        var searched = page.WaitForResponseAsync(r => r.Url.Contains($"/iiif/search/{Item}/v1?q=", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await viewer.StartAsync(manifestId, "\"sideBarOpen\": true, \"sideBarPanel\": \"search\"");

        // The search panel is there only when Mirador found a search service in the manifest.
        var input = page.GetByLabel("search terms");
        await input.WaitForAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = MiradorViewer.Screenshot("1-search-panel.png") });
        await input.FillAsync("清远");
        await input.PressAsync("Enter");
        var response = await searched;
        Assert.Equal(200, response.Status);

        // Each hit is listed with the text around it and the match as printed (清遠, and once the variant 清逺).
        var panel = page.GetByRole(AriaRole.Complementary, new() { Name = "Search" });
        await panel.GetByText($"1 of {hits.Count}", new() { Exact = true }).WaitForAsync(new() { Timeout = 60_000 });
        // The list fills in after the pager: Playwright's assertions wait for it.
        // Each hit is headed by its canvas label (004-10b …).
        await Assertions.Expect(panel.Locator("h4", new() { HasText = "004-" })).ToHaveCountAsync(hits.Count, new() { Timeout = 30_000 });
        foreach (var match in hits.Distinct())
            await Assertions.Expect(panel.GetByText(match, new() { Exact = true }).First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500); // let the canvas draw for the screenshot
        await page.ScreenshotAsync(new() { Path = MiradorViewer.Screenshot("2-hits-for-qingyuan.png") });
    }
}
