namespace QyHeritage.Archive.Imaging;

/// <summary>One level of a pyramid: level 0 is full resolution, each next one about half the size.</summary>
public readonly record struct PyramidLevel(int Width, int Height);
