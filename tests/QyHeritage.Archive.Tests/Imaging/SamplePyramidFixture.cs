using QyHeritage.Archive.Imaging;

namespace QyHeritage.Archive.Tests.Imaging;

/// <summary>Builds the sample page's pyramid once for the tests that only read it (the machine is shared).</summary>
public sealed class SamplePyramidFixture : IDisposable
{
    public SamplePyramidFixture()
    {
        Folder = TestPaths.NewTempFolder("imaging-pyramid");
        Path = System.IO.Path.Combine(Folder, "p001.tif");
        Info = new PyramidBuilder(new ImagingOptions()).Build(SyntheticMasters.SamplePage, Path);
    }

    public string Folder { get; }

    public string Path { get; }

    public PyramidInfo Info { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
