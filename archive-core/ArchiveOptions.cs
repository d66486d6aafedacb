using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive;

/// <summary>
/// Settings of the archive, bound from the "Qy" configuration section (appsettings.json,
/// environment variables such as Qy__DataFolder, or --Qy:DataFolder=... on the command line).
/// </summary>
public sealed class ArchiveOptions
{
    public const string Section = "Qy";

    /// <summary>The embedded data folder: blob store, catalog and work files.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Largest master accepted, in pixels (width × height); larger ones are refused at ingest.</summary>
    public long MaxPixels { get; set; } = 300_000_000;

    /// <summary>Run OCR at ingest (tesseract). Off only for quick tests of other parts.</summary>
    public bool OcrEnabled { get; set; } = true;

    /// <summary>Pages processed at once during ingest; 0 means one per core.</summary>
    public int IngestParallelism { get; set; }

    /// <summary>Where blobs live: FileSystem (under the data folder, the default) or S3 (see <see cref="S3"/>).</summary>
    public StorageKind Storage { get; set; } = StorageKind.FileSystem;

    /// <summary>The bucket and how to reach it, when <see cref="Storage"/> is S3 (section "Qy:S3").</summary>
    public S3Options S3 { get; set; } = new();

    public string StoreFolder => Path.Combine(DataFolder, "store");

    public string CatalogPath => Path.Combine(DataFolder, "catalog.db");

    public string WorkFolder => Path.Combine(DataFolder, "work");

    public int EffectiveParallelism => IngestParallelism > 0 ? IngestParallelism : Environment.ProcessorCount;
}
