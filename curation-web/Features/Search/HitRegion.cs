using System.Globalization;
using QyHeritage.Search.Queries;

namespace QyHeritage.Web.Features.Search;

/// <summary>
/// The first hit where it is printed: a IIIF region of the page image around its first box (two characters of
/// margin), and the box inside that region. Pages without character boxes (text-only records) have none.
/// </summary>
internal sealed record HitRegion(int X, int Y, int W, int H, int BoxX, int BoxY, int BoxW, int BoxH)
{
    public string Region => string.Create(CultureInfo.InvariantCulture, $"{X},{Y},{W},{H}");

    /// <summary>The region's own coordinates, for the outline drawn over it (an SVG viewBox, so no inline style).</summary>
    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {W} {H}");

    public string ImageUrl(string itemId, string page) => $"/iiif/3/{itemId}~{page}/{Region}/!240,160/0/default.jpg";

    public static HitRegion? Of(PageHit hit)
    {
        if (hit.Hits.SelectMany(h => h.Boxes).FirstOrDefault() is not { W: > 0, H: > 0 } box) return null;
        var margin = 2 * Math.Min(box.W, box.H);
        int x = Math.Max(0, box.X - margin), y = Math.Max(0, box.Y - margin);
        // Within the image where its size is known: the server would crop a region past the edge, and the outline would drift.
        int right = box.X + box.W + margin, bottom = box.Y + box.H + margin;
        if (hit.Width is int width) right = Math.Min(right, width);
        if (hit.Height is int height) bottom = Math.Min(bottom, height);
        return new HitRegion(x, y, right - x, bottom - y, box.X - x, box.Y - y, box.W, box.H);
    }
}
