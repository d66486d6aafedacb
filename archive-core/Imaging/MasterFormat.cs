namespace QyHeritage.Archive.Imaging;

/// <summary>The master formats ingest accepts, as told by the file's magic bytes, never its extension.</summary>
public enum MasterFormat
{
    Jpeg,
    Png,
    Tiff,
}
