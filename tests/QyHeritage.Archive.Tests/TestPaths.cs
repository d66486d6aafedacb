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

    /// <summary>A copy of the sample collection with only the named items (their rows and folders).</summary>
    public static string SampleSubset(params string[] ids)
    {
        var dir = NewTempFolder("subset");
        var csv = Path.Combine(SampleCollection, "items.csv");
        var lines = File.ReadAllLines(csv);
        var keep = new List<string> { lines[0] };
        // The sample's rows are one line each, so a row's line number picks its text.
        foreach (var row in QyHeritage.Archive.Ingest.CsvTable.Parse(File.ReadAllText(csv), ["id", "folder"]))
        {
            if (!ids.Contains(row["id"])) continue;
            keep.Add(lines[row.Line - 1]);
            CopyFolder(Path.Combine(SampleCollection, row["folder"]), Path.Combine(dir, row["folder"]));
        }
        File.WriteAllLines(Path.Combine(dir, "items.csv"), keep);
        return dir;
    }

    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
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
