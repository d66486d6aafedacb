using System.Buffers;
using System.Runtime.InteropServices;
using NetVips;
using QyHeritage.Iiif.Caching;
using QyHeritage.Iiif.ImageApi.Jpeg;

namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// The pixels of a crop of a JPEG pyramid level, its stored tiles decoded by TurboJPEG straight
/// into one buffer, which libvips then reads from memory. The same libjpeg-turbo decoding that
/// libvips' tiffload does through libtiff, without the per-request and per-tile set-up of that
/// route (opening the TIFF's directories, libtiff's JPEG codec state), which cost about as much as
/// the decoding itself for a thumbnail. For small outputs only; big ones are left to libvips,
/// which streams.
/// </summary>
internal sealed class DecodedJpegCrop : IDisposable
{
    /// <summary>
    /// Largest decoded area (whole tiles), in pixels: 1024×1024, 3 MB of RGB, enough for thumbnails up
    /// to about 500 px. The buffers are pooled, and the pool keeps a few per core: larger ones would
    /// add up to a lot of idle memory.
    /// </summary>
    private const long MaxPixels = 1024 * 1024;

    private byte[]? _buffer;
    private GCHandle _pin;

    private DecodedJpegCrop(Image image, byte[] buffer, GCHandle pin)
    {
        Image = image;
        _buffer = buffer;
        _pin = pin;
    }

    /// <summary>The crop, 8-bit sRGB or grey; it reads the pinned buffer this object owns.</summary>
    public Image Image { get; }

    /// <summary>Level pixels [x, x+width) × [y, y+height), or null to leave the crop to libvips.</summary>
    /// <param name="tiles">Decoded tiles kept between requests, or null.</param>
    /// <param name="pyramid">The pyramid's key in <paramref name="tiles"/>: its path and version.</param>
    public static DecodedJpegCrop? TryDecode(string path, PyramidLevelLayout level, int x, int y, int width, int height, DecodedTileCache? tiles = null, string? pyramid = null)
    {
        if (!level.CanPassThrough || !TurboJpeg.Available || level.JpegTables is null) return null;
        int tw = level.TileWidth, th = level.TileHeight;
        int col0 = x / tw, row0 = y / th, col1 = (x + width - 1) / tw, row1 = (y + height - 1) / th;
        int areaWidth = (col1 - col0 + 1) * tw, areaHeight = (row1 - row0 + 1) * th;
        if ((long)areaWidth * areaHeight > MaxPixels) return null;

        var bands = level.SamplesPerPixel == 1 ? 1 : 3;
        var size = areaWidth * areaHeight * bands;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var pin = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        Image? whole = null;
        try
        {
            var cache = tiles is not null && pyramid is not null ? new TileCacheUse(tiles, pyramid) : (TileCacheUse?)null;
            DecodeTiles(path, level, x, y, width, height, pin.AddrOfPinnedObject(), areaWidth * bands, bands, cache);
            whole = Image.NewFromMemory(pin.AddrOfPinnedObject(), (ulong)size, areaWidth, areaHeight, bands, Enums.BandFormat.Uchar);
            var crop = whole.Crop(x - col0 * tw, y - row0 * th, width, height);
            whole.Dispose(); // the crop holds its own reference
            return new DecodedJpegCrop(crop, buffer, pin);
        }
        catch (Exception e) when (e is InvalidDataException or VipsException)
        {
            whole?.Dispose();
            pin.Free();
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }
    }

    /// <summary>Each stored tile, spliced with the level's tables, decoded in place in the area buffer.</summary>
    private static void DecodeTiles(string path, PyramidLevelLayout level, int x, int y, int width, int height, IntPtr area, int pitch, int bands, TileCacheUse? cache)
    {
        int col0 = x / level.TileWidth, row0 = y / level.TileHeight, col1 = (x + width - 1) / level.TileWidth, row1 = (y + height - 1) / level.TileHeight;
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var fileLength = RandomAccess.GetLength(file);
        var tables = level.JpegTables!;
        using var decoder = new TurboJpeg.Decoder();
        var jpeg = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            for (var row = row0; row <= row1; row++)
            for (var col = col0; col <= col1; col++)
            {
                var at = area + (row - row0) * level.TileHeight * pitch + (col - col0) * level.TileWidth * bands;
                var index = row * level.Columns + col;
                var tileRow = level.TileWidth * bands;
                if (cache?.Tiles.TryGet(cache.Value.Pyramid, level.Page, index) is { } kept)
                {
                    for (var r = 0; r < level.TileHeight; r++) Marshal.Copy(kept, r * tileRow, at + r * pitch, tileRow);
                    continue;
                }
                // A tile the crop barely enters (the last row or column of a level, mostly): only its
                // covered MCUs, put together losslessly, are decoded.
                int usedWidth = Math.Min(level.TileWidth, x + width - col * level.TileWidth), usedHeight = Math.Min(level.TileHeight, y + height - row * level.TileHeight);
                if ((long)usedWidth * usedHeight * 5 < (long)level.TileWidth * level.TileHeight * 2
                    && JpegMosaic.TryComposeLevel(path, level, col * level.TileWidth, row * level.TileHeight, usedWidth, usedHeight) is { } part)
                {
                    decoder.Decode(part, part.Length, at, usedWidth, pitch, usedHeight, bands);
                    continue;
                }
                using var tile = StoredTileBytes.Read(file, fileLength, level, index);
                var length = TilePassthrough.SplicedLength(tables, tile.Span);
                if (length > jpeg.Length)
                {
                    ArrayPool<byte>.Shared.Return(jpeg);
                    jpeg = ArrayPool<byte>.Shared.Rent(length);
                }
                if (!TilePassthrough.Splice(tables, tile.Span, jpeg)) throw new InvalidDataException("tile is not a JPEG stream");
                decoder.Decode(jpeg, length, at, level.TileWidth, pitch, level.TileHeight, bands);
                if (cache is { } c)
                {
                    var pixels = GC.AllocateUninitializedArray<byte>(tileRow * level.TileHeight);
                    for (var r = 0; r < level.TileHeight; r++) Marshal.Copy(at + r * pitch, pixels, r * tileRow, tileRow);
                    c.Tiles.Put(c.Pyramid, level.Page, index, pixels);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(jpeg);
        }
    }

    private readonly record struct TileCacheUse(DecodedTileCache Tiles, string Pyramid);

    /// <summary>Call only once every image made from <see cref="Image"/> is disposed too: they read the same buffer.</summary>
    public void Dispose()
    {
        Image.Dispose();
        if (_buffer is null) return;
        _pin.Free();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }
}
