namespace QyHeritage.Archive.Imaging;

/// <summary>A written pyramidal TIFF derivative, as read back from the file itself.</summary>
/// <param name="Path">Where the derivative now is.</param>
/// <param name="Width">Full-resolution width, equal to the master's.</param>
/// <param name="Height">Full-resolution height, equal to the master's.</param>
/// <param name="TileSize">Tile edge in pixels, the same at every level.</param>
/// <param name="Levels">Level sizes, full resolution first.</param>
/// <param name="Bytes">Size of the derivative file.</param>
public sealed record PyramidInfo(string Path, int Width, int Height, int TileSize, IReadOnlyList<PyramidLevel> Levels, long Bytes);
