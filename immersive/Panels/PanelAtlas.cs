using ImageMagick;

namespace QyHeritage.Immersive.Panels;

/// <summary>Where a panel landed: its atlas page and its rectangle there in texture coordinates (0..1, top-left origin).</summary>
public sealed record AtlasSlot(int Page, float U0, float V0, float U1, float V1);

/// <summary>
/// Packs drawn panels onto atlas pages (rows of panels, tallest first within the order given), so that all labels,
/// section panels, bands and map pieces of a hall cost one draw call per page. Pages are at most
/// <see cref="PageSize"/> square, cut to the height used, and written as sRGB JPEG.
/// </summary>
public sealed class PanelAtlas
{
    public const int PageSize = 2048;
    private const int Padding = 4;

    public IReadOnlyList<byte[]> Pages { get; }
    public IReadOnlyList<(int Width, int Height)> PageSizes { get; }
    public IReadOnlyDictionary<string, AtlasSlot> Slots { get; }

    private PanelAtlas(IReadOnlyList<byte[]> pages, IReadOnlyList<(int, int)> sizes, IReadOnlyDictionary<string, AtlasSlot> slots)
    {
        Pages = pages;
        PageSizes = sizes;
        Slots = slots;
    }

    public static PanelAtlas Pack(IReadOnlyList<Panel> panels, int quality = 88)
    {
        // Sorted by height (then key) so rows waste little; the order is fixed, so the bytes are too.
        var order = panels.OrderByDescending(p => p.Image.Height).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var places = new List<(Panel Panel, int Page, int X, int Y)>();
        int page = 0, x = 0, y = 0, rowHeight = 0;
        foreach (var p in order)
        {
            int w = (int)p.Image.Width, h = (int)p.Image.Height;
            if (w > PageSize || h > PageSize) throw new InvalidOperationException($"panel {p.Key} is larger than an atlas page ({w}×{h})");
            if (x + w > PageSize) { x = 0; y += rowHeight + Padding; rowHeight = 0; }
            if (y + h > PageSize) { page++; x = 0; y = 0; rowHeight = 0; }
            places.Add((p, page, x, y));
            x += w + Padding;
            rowHeight = Math.Max(rowHeight, h);
        }
        var pages = new List<byte[]>();
        var sizes = new List<(int, int)>();
        var slots = new Dictionary<string, AtlasSlot>(StringComparer.Ordinal);
        for (var i = 0; i <= page && places.Count > 0; i++)
        {
            var on = places.Where(q => q.Page == i).ToList();
            var width = on.Max(q => q.X + (int)q.Panel.Image.Width);
            var height = on.Max(q => q.Y + (int)q.Panel.Image.Height);
            width = (width + 3) / 4 * 4;
            height = (height + 3) / 4 * 4;
            using var canvas = new MagickImage(MagickColors.White, (uint)width, (uint)height);
            foreach (var q in on)
            {
                canvas.Composite(q.Panel.Image, q.X, q.Y, CompositeOperator.Over);
                slots[q.Panel.Key] = new AtlasSlot(i, (float)q.X / width, (float)q.Y / height,
                    (float)(q.X + q.Panel.Image.Width) / width, (float)(q.Y + q.Panel.Image.Height) / height);
            }
            pages.Add(Jpeg.Encode(canvas, quality));
            sizes.Add((width, height));
        }
        return new PanelAtlas(pages, sizes, slots);
    }
}

/// <summary>Baseline sRGB JPEG with no metadata, so equal pictures give equal bytes.</summary>
public static class Jpeg
{
    public static byte[] Encode(MagickImage image, int quality)
    {
        image.Strip();
        image.ColorSpace = ColorSpace.sRGB;
        image.Quality = (uint)quality;
        image.Settings.SetDefine(MagickFormat.Jpeg, "sampling-factor", "4:2:0");
        return image.ToByteArray(MagickFormat.Jpeg);
    }
}
