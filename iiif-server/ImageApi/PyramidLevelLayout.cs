namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// One level (TIFF directory) of a pyramidal TIFF as stored: its size, tile grid and where each
/// tile's bytes are, read from the file's IFD without decoding anything.
/// </summary>
/// <param name="Page">The directory's index, the <c>page</c> libvips' tiffload opens.</param>
/// <param name="Compression">TIFF compression code: 7 is JPEG.</param>
/// <param name="Photometric">TIFF photometric interpretation: 6 YCbCr, 1 min-is-black, 2 RGB.</param>
/// <param name="JpegTables">The shared quantisation and Huffman tables (tag 347), or null when each tile carries its own.</param>
public sealed record PyramidLevelLayout(
    int Page, int Width, int Height, int TileWidth, int TileHeight, int SamplesPerPixel,
    int Compression, int Photometric, long[] TileOffsets, long[] TileByteCounts, byte[]? JpegTables)
{
    public int Columns => (Width + TileWidth - 1) / TileWidth;

    public int Rows => (Height + TileHeight - 1) / TileHeight;

    /// <summary>
    /// Whether a tile's JPEG bytes can be sent as they are: JPEG compression, in colours a plain
    /// JPEG decoder reads right (YCbCr or grey; RGB-in-JPEG would need an Adobe marker), and a
    /// complete offset table.
    /// </summary>
    public bool CanPassThrough =>
        Compression == 7 && (Photometric == 6 || (Photometric == 1 && SamplesPerPixel == 1))
        && TileOffsets.Length == Columns * Rows && TileByteCounts.Length == TileOffsets.Length;
}
