// The tests check the JPEG building blocks (TurboJPEG decoding, the mosaic's parts) one by one.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("QyHeritage.Iiif.Tests")]
// bench/iiif/RenderBench times the thumbnail route's parts (decode or kept tiles, resize, encode) one by one.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("RenderBench")]
