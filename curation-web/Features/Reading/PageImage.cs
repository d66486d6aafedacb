using System.Globalization;
using QyHeritage.Archive.Domain;
using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Web.Features.Reading;

/// <summary>
/// The page image as a plain <c>&lt;img&gt;</c>, rendered with the item page: what a reader sees at once, with no
/// script at all, and what the deep-zoom viewer (OpenSeadragon, loaded after it) replaces once its tiles are drawn.
/// IIIF Image API <c>full/!w,h</c> sizes (never larger than the page: that would be an upscale the server refuses),
/// offered by width in <c>srcset</c>, with <c>sizes</c> telling the browser how wide the viewer's box shows the page
/// (the box's CSS in styles/site.css: <c>.viewer</c> and the reading room's two columns), so a 390 px phone and a 2×
/// screen each fetch the size they draw.
/// </summary>
public sealed record PageImage(string Src, string SrcSet, string Sizes, int Width, int Height)
{
    /// <summary>The widths offered; the browser picks by the box's width and the screen's pixel ratio.</summary>
    public static readonly int[] Widths = [400, 600, 800, 1200, 1600];

    /// <summary>The candidate used where srcset is not understood.</summary>
    public const int FallbackWidth = 800;

    /// <summary>The page's image, or null for a page with no image (or no known size).</summary>
    public static PageImage? For(Item item, Page page, ImageLimits limits)
    {
        if (page.Derivative is null || page.Width <= 0 || page.Height <= 0) return null;
        var largest = Math.Min(limits.Fit(page.Width, page.Height).Width, Widths[^1]);
        var candidates = Widths.Where(w => w < largest).Append(largest).Distinct()
            .Select(w => Fit(item, page, w)).ToList();
        var fallback = candidates.LastOrDefault(c => c.Width <= FallbackWidth) ?? candidates[0];
        // Shown with object-fit: contain in the viewer's box: as wide as the box, or as its height allows for the page's
        // proportions. The box: 60vh tall and the full width on narrow screens; 3/5 of the reading room and
        // min(75vh, 52rem) tall on wide ones.
        var aspect = ((double)page.Width / page.Height).ToString("0.####", CultureInfo.InvariantCulture);
        var sizes = $"(max-width: 900px) min(100vw, calc(60vh * {aspect})), min(60vw, 54rem, calc(min(75vh, 52rem) * {aspect}))";
        return new PageImage(fallback.Url, string.Join(", ", candidates.Select(c => $"{c.Url} {c.Width}w")), sizes, fallback.Width, fallback.Height);
    }

    private sealed record Candidate(string Url, int Width, int Height);

    private static Candidate Fit(Item item, Page page, int width)
    {
        // !w,h with the page's own proportions: the server fits the page into that box, giving (about) w × h.
        var height = Math.Max(1, (int)Math.Round((double)width * page.Height / page.Width));
        var url = string.Create(CultureInfo.InvariantCulture, $"/iiif/3/{item.Id}~{page.Name}/full/!{width},{height}/0/default.jpg");
        return new Candidate(url, width, height);
    }
}
