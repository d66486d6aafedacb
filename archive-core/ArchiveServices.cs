using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive;

/// <summary>
/// The archive's parts over one data folder: the blob store, the OCFL repository on it and the
/// catalog. One instance per process; every part is safe to share between threads.
/// </summary>
public sealed class ArchiveServices
{
    public ArchiveServices(ArchiveOptions options, ILoggerFactory? loggers = null)
    {
        Options = options;
        Loggers = loggers ?? NullLoggerFactory.Instance;
        Directory.CreateDirectory(options.DataFolder);
        Store = options.Storage switch
        {
            StorageKind.S3 => new S3BlobStore(options.S3, Path.Combine(options.WorkFolder, "s3-spool"), Loggers.CreateLogger<S3BlobStore>(),
                cacheFolder: Path.Combine(options.WorkFolder, "s3-cache")),
            _ => new FileSystemBlobStore(options.StoreFolder),
        };
        Ocfl = new OcflRepository(Store, ArchiveKeys.OcflRoot, Loggers.CreateLogger<OcflRepository>());
        // Opened (and created) on first use: a IIIF-only node reads the store alone and never makes one.
        _catalog = new Lazy<CatalogDb>(() => new CatalogDb(options.CatalogPath));
    }

    private readonly Lazy<CatalogDb> _catalog;

    public ArchiveOptions Options { get; }

    public ILoggerFactory Loggers { get; }

    public IBlobStore Store { get; }

    public OcflRepository Ocfl { get; }

    public CatalogDb Catalog => _catalog.Value;
}
