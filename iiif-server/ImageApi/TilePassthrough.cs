namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// Answers a request that is exactly one stored tile (on the grid, tile-sized, no rotation, default
/// or colour quality, jpg) with the tile's JPEG bytes as stored: no decode, no encode, so no
/// generation loss and almost no CPU. The pyramid's tiles are abbreviated JPEG streams sharing
/// the tables of tag 347 (JPEGTables); a standalone JPEG is the tables without their EOI followed
/// by the tile without its SOI (TIFF Technical Note 2, "JPEGTables").
/// </summary>
public static class TilePassthrough
{
    /// <summary>The stored tile the plan asks for, or null when the request needs pixels computed.</summary>
    public static StoredTile? Find(TiffPyramid pyramid, ImagePlan plan)
    {
        if (plan.Format != ImageFormat.Jpg || plan.Quality is not (Quality.Default or Quality.Color)) return null;
        if (plan.Rotation.Mirror || plan.Rotation.Degrees != 0) return null;
        for (var n = 0; n < pyramid.Levels.Count; n++)
        {
            var level = pyramid.Levels[n];
            var s = 1L << n;
            // Levels are successive halvings (libvips' 2×2 box shrink), so level pixel i covers full-resolution pixels i·s to (i+1)·s.
            if (Math.Abs(level.Width - (double)pyramid.Width / s) > 1 || Math.Abs(level.Height - (double)pyramid.Height / s) > 1) break;
            if (plan.Width != level.TileWidth || plan.Height != level.TileHeight) continue;
            long spanW = level.TileWidth * s, spanH = level.TileHeight * s;
            var r = plan.Region;
            if (r.Width != spanW || r.Height != spanH || r.X % spanW != 0 || r.Y % spanH != 0) continue;
            var col = (int)(r.X / spanW);
            var row = (int)(r.Y / spanH);
            // Edge tiles are stored padded to the full tile size; the request wants them cut, so only whole tiles pass.
            if ((col + 1) * level.TileWidth > level.Width || (row + 1) * level.TileHeight > level.Height) return null;
            if (!level.CanPassThrough) return null;
            var index = row * level.Columns + col;
            return new StoredTile(level, index, level.TileOffsets[index], level.TileByteCounts[index]);
        }
        return null;
    }

    /// <summary>Reads the tile and makes it a standalone JPEG; null when the stored bytes are not what was expected.</summary>
    public static byte[]? ReadJpeg(string pyramidPath, StoredTile tile)
    {
        if (tile.ByteCount is <= 4 or > 64 << 20) return null;
        using var handle = File.OpenHandle(pyramidPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        byte[] data;
        try
        {
            data = TiffPyramid.ReadAt(handle, tile.Offset, (int)tile.ByteCount, length);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        return Splice(tile.Level.JpegTables, data);
    }

    /// <summary>Tables (SOI … EOI) + tile (SOI … EOI) → SOI, tables, tile's frame and scan, EOI.</summary>
    public static byte[]? Splice(byte[]? tables, byte[] tile)
    {
        if (tables is null || tables.Length < 4) return tile.Length >= 4 && tile[0] == 0xFF && tile[1] == 0xD8 ? tile : null;
        var jpeg = new byte[SplicedLength(tables, tile)];
        return Splice(tables, tile, jpeg) ? jpeg : null;
    }

    /// <summary>Length of the spliced stream of <paramref name="tables"/> and <paramref name="tile"/>.</summary>
    public static int SplicedLength(byte[] tables, ReadOnlySpan<byte> tile) => tables.Length - 2 + tile.Length - 2;

    /// <summary>Splices into <paramref name="jpeg"/> (at least <see cref="SplicedLength"/> bytes); false when either part is not what was expected.</summary>
    public static bool Splice(byte[] tables, ReadOnlySpan<byte> tile, Span<byte> jpeg)
    {
        if (tile.Length < 4 || tile[0] != 0xFF || tile[1] != 0xD8) return false;
        if (tables.Length < 4 || tables[0] != 0xFF || tables[1] != 0xD8 || tables[^2] != 0xFF || tables[^1] != 0xD9) return false;
        tables.AsSpan(0, tables.Length - 2).CopyTo(jpeg);
        tile[2..].CopyTo(jpeg[(tables.Length - 2)..]);
        return true;
    }
}

/// <summary>Where one stored tile is.</summary>
public sealed record StoredTile(PyramidLevelLayout Level, int Index, long Offset, long ByteCount);
