namespace QyHeritage.Iiif.ImageApi;

/// <summary>A rectangle in full-resolution image pixels, always inside the image and never empty once resolved.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public override string ToString() => $"{X},{Y},{Width},{Height}";
}
