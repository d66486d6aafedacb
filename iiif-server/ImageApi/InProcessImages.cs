using System.Globalization;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// The Image API asked from inside the process (the hall compiler's textures): the same pyramid, plan,
/// cache and renderer as <c>/iiif/3/{item}~{page}/{x,y,w,h}/{w},{h}/0/default.jpg</c>, without HTTP.
/// </summary>
public static class InProcessImages
{
    /// <summary>
    /// The JPEG of a region of an item's page at <paramref name="width"/>×<paramref name="height"/> pixels;
    /// throws <see cref="FileNotFoundException"/> when the page has no pyramid and <see cref="ArgumentException"/>
    /// when the request is not one the Image API would answer.
    /// </summary>
    public static async Task<byte[]> RegionJpegAsync(this ImageService images, string item, int page, PixelRegion region, int width, int height, CancellationToken ct = default)
    {
        var id = ImageIdentifier.For(item, Page.PageName(page));
        var pyramid = await images.OpenAsync(id, ct) ?? throw new FileNotFoundException($"no image for {id}");
        var request = ImageRequest.Parse(region.ToIiif(), string.Create(CultureInfo.InvariantCulture, $"{width},{height}"), "0", "default.jpg");
        if (!request.IsValid) throw new ArgumentException(request.Error);
        var plan = request.Get().Resolve(pyramid.Layout.Width, pyramid.Layout.Height, images.Limits);
        if (!plan.IsValid) throw new ArgumentException($"{id}: {plan.Error}");
        using var result = await images.GetAsync(pyramid, plan.Get(), ct);
        return await result.ReadAllAsync(ct);
    }
}
