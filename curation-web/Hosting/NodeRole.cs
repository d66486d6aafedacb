namespace QyHeritage.Web.Hosting;

/// <summary>What a host process serves (<c>Qy:Role</c>).</summary>
public enum NodeRole
{
    /// <summary>Everything: site, APIs, IIIF, search index, first-run ingest, scheduled audit.</summary>
    All,

    /// <summary>
    /// The scale-out shape: IIIF images and item manifests read from the blob store alone, behind a load
    /// balancer beside full nodes. No catalog database, search index, ingest or audit is opened or created;
    /// collections and Content Search are left to the full nodes.
    /// </summary>
    Iiif,
}
