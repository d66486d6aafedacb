namespace QyHeritage.Iiif.ImageApi;

/// <summary>A page's pyramid, opened for one request: where it is, its layout and its version.</summary>
/// <param name="Version">Length and time of the file: changes whenever the pyramid is rebuilt, so it keys caches and ETags.</param>
public sealed record PyramidHandle(ImageIdentifier Id, string Path, TiffPyramid Layout, DateTimeOffset LastModified, string Version);

/// <summary>Bytes of an image response and how they were made.</summary>
public sealed record ImageResult(byte[] Bytes, string MediaType, ImageSource Source);
