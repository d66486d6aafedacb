using System.Globalization;
using QyHeritage.Archive.Domain;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.Presentation;

namespace QyHeritage.Web.Features.Reading;

/// <summary>
/// One size of a page image offered for download: a IIIF Image API URL with <c>?download</c> (the server answers it as an
/// attachment named after the page and size) and the pixels it gives.
/// </summary>
public sealed record PageDownload(string Url, int Width, int Height, bool Full);

/// <summary>
/// Which sizes of a page image a reader may download, by the item's rights statement in the catalog. Open items
/// (public domain, CC0 or a Creative Commons licence named in the statement, and no reservation) get the full image
/// (the server's largest, <c>full/max</c>) and a 1000 px copy; every other item only a reference copy of 600 px on
/// its longer side. This decides the links offered, not access: the deep-zoom tiles are served as before.
/// </summary>
public static class PageDownloads
{
    public const int OpenReduced = 1000;
    public const int RestrictedReduced = 600;

    // Words that take precedence over any licence named beside them.
    private static readonly string[] Reserved = ["all rights reserved", "in copyright", "restricted", "版权所有", "保留所有权利", "不得转载", "限制"];
    private static readonly string[] PublicDomain = ["public domain", "公有领域", "公共领域", "cc0"];

    /// <summary>True when the statement allows the full image: open and unreserved.</summary>
    public static bool IsOpen(string? rights)
    {
        if (string.IsNullOrWhiteSpace(rights)) return false;
        var text = rights.ToLowerInvariant();
        if (Reserved.Any(text.Contains)) return false;
        return PublicDomain.Any(text.Contains) || Licences.Named(rights).Any();
    }

    /// <summary>The sizes offered for <paramref name="page"/> of <paramref name="item"/>, largest first; none for a page with no image.</summary>
    public static IReadOnlyList<PageDownload> For(Item item, Page page, ImageLimits limits)
    {
        if (page.Derivative is null || page.Width <= 0 || page.Height <= 0) return [];
        var open = IsOpen(item.Rights);
        var baseUrl = $"/iiif/3/{item.Id}~{page.Name}/full";
        var offers = new List<PageDownload>();
        var (fw, fh) = limits.Fit(page.Width, page.Height);
        if (open) offers.Add(new PageDownload($"{baseUrl}/max/0/default.jpg?download", fw, fh, true));
        var side = open ? OpenReduced : RestrictedReduced;
        // Only a true reduction: a IIIF "!w,h" larger than the image would be an upscale, which the server refuses.
        if (Math.Max(fw, fh) > side)
        {
            var scale = (double)side / Math.Max(page.Width, page.Height);
            var (w, h) = (Math.Max(1, (int)Math.Floor(page.Width * scale)), Math.Max(1, (int)Math.Floor(page.Height * scale)));
            offers.Add(new PageDownload(string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/!{side},{side}/0/default.jpg?download"), w, h, false));
        }
        else if (!open)
        {
            // A small image of a restricted item: its own size is already a reference copy.
            offers.Add(new PageDownload($"{baseUrl}/max/0/default.jpg?download", fw, fh, true));
        }
        return offers;
    }
}
