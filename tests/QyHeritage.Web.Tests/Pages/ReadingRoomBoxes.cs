using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace QyHeritage.Web.Tests.Pages;

/// <summary>A box on a page image in image pixels (a Content Search <c>xywh</c>, a line's <c>data-box</c>).</summary>
public readonly record struct ImageBox(int X, int Y, int W, int H)
{
    public static ImageBox Parse(string xywh)
    {
        var v = xywh[(xywh.IndexOf("xywh=", StringComparison.Ordinal) is var i and >= 0 ? i + 5 : 0)..].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        return new ImageBox(v[0], v[1], v[2], v[3]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X},{Y},{W},{H}");
}

/// <summary>What the reading-room tests check of boxes drawn on the page image.</summary>
public static class ReadingRoomBoxes
{
    /// <summary>The boxes Content Search 2.0 gives for <paramref name="q"/> on page <paramref name="order"/> of the item.</summary>
    public static async Task<IReadOnlyList<ImageBox>> HitBoxesAsync(PagesSite site, string item, string q, int order)
    {
        using var doc = JsonDocument.Parse(await site.Host.Client.GetStringAsync($"/iiif/search/{item}?q={Uri.EscapeDataString(q)}"));
        var canvas = $"/p{order:D3}#xywh=";
        return doc.RootElement.GetProperty("items").EnumerateArray()
            .Select(a => a.GetProperty("target").GetString()!)
            .Where(t => t.Contains(canvas, StringComparison.Ordinal))
            .Select(ImageBox.Parse).ToList();
    }

    /// <summary>The page image's size as the IIIF server gives it.</summary>
    public static async Task<(int Width, int Height)> ImageSizeAsync(PagesSite site, string item, int order)
    {
        using var info = JsonDocument.Parse(await site.Host.Client.GetStringAsync($"/iiif/3/{item}~p{order:D3}/info.json"));
        return (info.RootElement.GetProperty("width").GetInt32(), info.RootElement.GetProperty("height").GetInt32());
    }

    /// <summary>
    /// The overlays matching <paramref name="selector"/> on the viewer are exactly <paramref name="expected"/>, and each sits
    /// on the screen where its image pixels are: the page is shown whole (the viewer's home), scaled to fit and centred.
    /// </summary>
    public static async Task AssertDrawnAsync(PagesSite site, IPage page, string selector, IReadOnlyList<ImageBox> expected, string item = PagesSite.Classical)
    {
        var overlays = page.Locator($"#viewer {selector}");
        await Assertions.Expect(overlays).ToHaveCountAsync(expected.Count, new() { Timeout = 60_000 });
        var drawn = (await overlays.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.xywh)")).Select(ImageBox.Parse).ToList();
        Assert.Equal(expected.Select(b => b.ToString()).Order(), drawn.Select(b => b.ToString()).Order());

        var order = int.Parse(page.Url.Split('?')[0].Split('/').Last(), CultureInfo.InvariantCulture);
        var (width, height) = await ImageSizeAsync(site, item, order);
        // The viewer springs to its home view: wait until the boxes stand still before measuring.
        string? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await page.WaitForTimeoutAsync(250))
        {
            var now = await overlays.EvaluateAllAsync<string>("els => els.map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].map(Math.round).join(','); }).join(';')");
            if (now == last && !now.Contains("0,0,0,0", StringComparison.Ordinal)) break;
            last = now;
            Assert.True(DateTime.UtcNow < deadline, "the boxes never stood still: " + now);
        }
        var viewer = (await page.Locator("#viewer").BoundingBoxAsync())!;
        var scale = Math.Min(viewer.Width / width, viewer.Height / height);
        var (left, top) = (viewer.X + (viewer.Width - width * scale) / 2, viewer.Y + (viewer.Height - height * scale) / 2);
        for (var i = 0; i < drawn.Count; i++)
        {
            var box = drawn[i];
            var r = (await overlays.Nth(i).BoundingBoxAsync())!;
            var want = (X: left + box.X * scale, Y: top + box.Y * scale, W: box.W * scale, H: box.H * scale);
            Assert.True(Math.Abs(r.X - want.X) < 2.5 && Math.Abs(r.Y - want.Y) < 2.5 && Math.Abs(r.Width - want.W) < 2.5 && Math.Abs(r.Height - want.H) < 2.5,
                $"box {box} drawn at {r.X:F1},{r.Y:F1} {r.Width:F1}×{r.Height:F1}, its pixels are at {want.X:F1},{want.Y:F1} {want.W:F1}×{want.H:F1}");
        }
    }
}
