namespace QyHeritage.Web.Hosting;

/// <summary>Host-only settings from the "Qy" configuration section.</summary>
public sealed class WebOptions
{
    /// <summary>The folder ingested on first start when the archive is empty; relative to the working folder.</summary>
    public string SampleCollection { get; set; } = "assets/sample-collection";

    /// <summary>Ingest the sample collection on first start.</summary>
    public bool IngestSampleOnFirstStart { get; set; } = true;

    /// <summary>Read one item page, its scripts and a tile over loopback right after start (<see cref="HostWarmup"/>).</summary>
    public bool WarmUpOnStart { get; set; } = true;

    /// <summary>What this process serves: <c>all</c> (the default) or <c>iiif</c> (a IIIF-only node, see <see cref="NodeRole.Iiif"/>).</summary>
    public NodeRole Role { get; set; } = NodeRole.All;
}
