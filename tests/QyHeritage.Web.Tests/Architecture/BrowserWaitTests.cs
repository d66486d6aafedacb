using System.Text.RegularExpressions;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Web.Tests.Architecture;

/// <summary>
/// No browser test waits on Playwright's event-subscribing waits for an address or a load state: they can lose the event
/// (microsoft/playwright-dotnet#3364) and turn a page that worked into a 90 s CI failure. <c>Pages/Arrival.cs</c> waits
/// by looking instead.
/// </summary>
public partial class BrowserWaitTests
{
    [GeneratedRegex(@"\.(WaitForURLAsync|WaitForLoadStateAsync|WaitForNavigationAsync)\(")]
    private static partial Regex EventWait();

    [Fact]
    public void Browser_tests_wait_for_a_page_through_Arrival_only()
    {
        var tests = Path.Combine(TestPaths.RepoRoot, "tests");
        var found = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) != "Arrival.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => EventWait().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(tests, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(Directory.Exists(Path.Combine(tests, "QyHeritage.Web.Tests", "Pages")), "the tests folder was not found");
        Assert.Empty(found);
    }
}
