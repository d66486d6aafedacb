// The tests check the JPEG building blocks (TurboJPEG decoding, the mosaic's parts) one by one.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("QyHeritage.Iiif.Tests")]
