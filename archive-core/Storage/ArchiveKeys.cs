namespace QyHeritage.Archive.Storage;

/// <summary>
/// Where things live in the blob store. Everything the IIIF side needs is found from an item id
/// and a page name alone, without the catalog, so IIIF nodes can scale out on the store only.
/// </summary>
public static class ArchiveKeys
{
    /// <summary>The OCFL storage root (preservation copies: masters, metadata, OCR, texts).</summary>
    public const string OcflRoot = "ocfl";

    /// <summary>Rebuildable derivatives (pyramidal TIFFs), outside OCFL.</summary>
    public const string DerivativesRoot = "derivatives";

    /// <summary>The pyramidal TIFF of a page, e.g. derivatives/QY-RB-001/p001.tif.</summary>
    public static BlobKey Pyramid(string itemId, string pageName) => BlobKey.Combine(DerivativesRoot, itemId, pageName + ".tif");

    /// <summary>What a pyramid was built from (the master's digest), to know when to rebuild it.</summary>
    public static BlobKey PyramidSource(string itemId, string pageName) => BlobKey.Combine(DerivativesRoot, itemId, pageName + ".source.json");
}
