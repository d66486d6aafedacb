namespace QyHeritage.Archive.Tests;

/// <summary>Where the repository's data lives, found from the test assembly's folder upwards.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SampleCollection => Path.Combine(RepoRoot, "assets", "sample-collection");

    public static string TestData => Path.Combine(RepoRoot, "tests", "QyHeritage.Archive.Tests", "TestData");

    public static string OcflFixtures => Path.Combine(TestData, "ocfl-fixtures", "1.1");

    /// <summary>A fresh empty folder under the system temp folder, for one test.</summary>
    public static string NewTempFolder(string purpose)
    {
        var dir = Path.Combine(Path.GetTempPath(), "qy-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QyHeritage.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("QyHeritage.sln not found above " + AppContext.BaseDirectory);
    }
}
