using ImageMagick;

namespace QyHeritage.Immersive.Panels;

/// <summary>Where a picture landed: its atlas page (from 0) and its rectangle there in texture coordinates (0..1, top-left origin).</summary>
public sealed record AtlasSlot(int Page, float U0, float V0, float U1, float V1);

/// <summary>Something to put on an atlas page: its key and its size in pixels.</summary>
public sealed record AtlasItem(string Key, int Width, int Height);

/// <summary>
/// The hall's textures on shared pages: every drawn panel (labels, section panels, station names, timeline band, floor
/// map) and every exhibit picture, so that a page costs one draw call however many exhibits it holds. Pages are at most
/// <see cref="PageSize"/> square, cut to the part used, and written as sRGB JPEG. Each picture is ringed by
/// <see cref="Gutter"/> pixels copied from its own edges, so that filtering and the smaller mipmap levels do not bleed
/// a neighbour into it.
/// </summary>
/// <remarks>
/// Packing is first-fit decreasing height on shelves: pictures tallest first (then by key, so the same hall packs the
/// same way), each on the first shelf of any page with room left, else on a new shelf, else on a new page.
/// <see cref="Plan"/> only places (cheap, to choose texture sizes against the budget); <see cref="Draw"/> makes the pages.
/// </remarks>
public sealed class TextureAtlas
{
    public const int PageSize = 2048;
    public const int Gutter = 4;

    private readonly Dictionary<string, (int Page, int X, int Y, int Width, int Height)> _places;

    public IReadOnlyList<(int Width, int Height)> PageSizes { get; }

    public IReadOnlyDictionary<string, AtlasSlot> Slots { get; }

    /// <summary>GPU memory of the pages as a headset holds them: RGBA8 and a full mip chain (4/3).</summary>
    public long GpuBytes => PageSizes.Sum(p => (long)p.Width * p.Height * 4 * 4 / 3);

    private TextureAtlas(Dictionary<string, (int, int, int, int, int)> places, IReadOnlyList<(int, int)> pages)
    {
        _places = places;
        PageSizes = pages;
        Slots = places.ToDictionary(p => p.Key, p =>
        {
            var (page, x, y, w, h) = p.Value;
            var (pw, ph) = pages[page];
            return new AtlasSlot(page, (float)x / pw, (float)y / ph, (float)(x + w) / pw, (float)(y + h) / ph);
        }, StringComparer.Ordinal);
    }

    /// <summary>Places the items on pages (no pixels yet).</summary>
    public static TextureAtlas Plan(IEnumerable<AtlasItem> items)
    {
        var order = items.OrderByDescending(i => i.Height).ThenByDescending(i => i.Width).ThenBy(i => i.Key, StringComparer.Ordinal).ToList();
        var shelves = new List<(int Page, int Y, int Height, int Used)>();
        var pageHeights = new List<int>();
        var places = new Dictionary<string, (int, int, int, int, int)>(StringComparer.Ordinal);
        foreach (var item in order)
        {
            int w = item.Width + 2 * Gutter, h = item.Height + 2 * Gutter;
            if (w > PageSize || h > PageSize)
                throw new InvalidOperationException($"{item.Key} is larger than an atlas page ({item.Width}×{item.Height}, at most {PageSize - 2 * Gutter})");
            if (!places.TryAdd(item.Key, default)) throw new InvalidOperationException($"{item.Key} is in the atlas twice");
            var shelf = shelves.FindIndex(s => s.Height >= h && s.Used + w <= PageSize);
            if (shelf < 0)
            {
                var page = pageHeights.FindIndex(used => used + h <= PageSize);
                if (page < 0) { pageHeights.Add(0); page = pageHeights.Count - 1; }
                shelves.Add((page, pageHeights[page], h, 0));
                pageHeights[page] += h;
                shelf = shelves.Count - 1;
            }
            var s = shelves[shelf];
            places[item.Key] = (s.Page, s.Used + Gutter, s.Y + Gutter, item.Width, item.Height);
            shelves[shelf] = s with { Used = s.Used + w };
        }
        var sizes = pageHeights.Select((height, page) =>
        {
            var width = shelves.Where(s => s.Page == page).Max(s => s.Used);
            // Multiples of 4 (JPEG blocks, and no odd row lengths to upload).
            return ((width + 3) / 4 * 4, (height + 3) / 4 * 4);
        }).ToList();
        return new TextureAtlas(places, sizes);
    }

    /// <summary>
    /// Draws the pages: each item's picture (asked for once, disposed by the caller, at the planned size) with its edges
    /// copied into the gutter, on a <paramref name="background"/> page; sRGB JPEG at <paramref name="quality"/>.
    /// </summary>
    public IReadOnlyList<byte[]> Draw(Func<string, MagickImage> picture, string background = "#ffffff", int quality = 88)
    {
        var pages = new List<byte[]>();
        for (var page = 0; page < PageSizes.Count; page++)
        {
            var (pw, ph) = PageSizes[page];
            using var canvas = new MagickImage(new MagickColor(background), (uint)pw, (uint)ph);
            foreach (var (key, (_, x, y, w, h)) in _places.Where(p => p.Value.Page == page).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var image = picture(key);
                if (image.Width != w || image.Height != h)
                    throw new InvalidOperationException($"{key} is {image.Width}×{image.Height}, planned {w}×{h}");
                canvas.Composite(image, x, y, CompositeOperator.Over);
                Extrude(canvas, image, x, y, w, h);
            }
            pages.Add(Jpeg.Encode(canvas, quality));
        }
        return pages;
    }

    /// <summary>Copies the picture's outermost rows, columns and corners outwards across the gutter.</summary>
    private static void Extrude(MagickImage canvas, MagickImage image, int x, int y, int w, int h)
    {
        void Strip(int sx, int sy, int sw, int sh, int tx, int ty, int tw, int th)
        {
            using var strip = (MagickImage)image.CloneArea(sx, sy, (uint)sw, (uint)sh);
            strip.Sample(new MagickGeometry((uint)tw, (uint)th) { IgnoreAspectRatio = true });
            canvas.Composite(strip, tx, ty, CompositeOperator.Over);
        }
        const int g = Gutter;
        Strip(0, 0, w, 1, x, y - g, w, g);                 // top
        Strip(0, h - 1, w, 1, x, y + h, w, g);             // bottom
        Strip(0, 0, 1, h, x - g, y, g, h);                 // left
        Strip(w - 1, 0, 1, h, x + w, y, g, h);             // right
        Strip(0, 0, 1, 1, x - g, y - g, g, g);             // corners
        Strip(w - 1, 0, 1, 1, x + w, y - g, g, g);
        Strip(0, h - 1, 1, 1, x - g, y + h, g, g);
        Strip(w - 1, h - 1, 1, 1, x + w, y + h, g, g);
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
