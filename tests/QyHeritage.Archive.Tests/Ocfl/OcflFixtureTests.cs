using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Ocfl;

/// <summary>
/// The validator against the official OCFL 1.1 fixtures: every object of each folder, with the
/// expected codes taken from the folder names (E058_no_sidecar expects E058).
/// </summary>
public sealed class OcflFixtureTests
{
    public static TheoryData<string> GoodObjects() => Folders("good-objects");
    public static TheoryData<string> WarnObjects() => Folders("warn-objects");
    public static TheoryData<string> BadObjects() => Folders("bad-objects");

    [Theory]
    [MemberData(nameof(GoodObjects))]
    public async Task Good_objects_have_no_errors(string name)
    {
        var result = await ValidateAsync("good-objects", name);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [MemberData(nameof(WarnObjects))]
    public async Task Warn_objects_have_the_named_warnings_and_no_errors(string name)
    {
        var result = await ValidateAsync("warn-objects", name);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var reported = result.Warnings.Select(w => w.Code).ToHashSet();
        foreach (var code in ExpectedCodes(name))
            Assert.True(reported.Contains(code), $"{code} expected; got: {string.Join("; ", result.Warnings)}");
    }

    [Theory]
    [MemberData(nameof(BadObjects))]
    public async Task Bad_objects_have_one_of_the_named_errors(string name)
    {
        var result = await ValidateAsync("bad-objects", name);
        var expected = ExpectedCodes(name);
        Assert.True(result.Errors.Any(e => expected.Contains(e.Code)),
            $"one of {string.Join(",", expected)} expected; got: {string.Join("; ", result.Errors)}");
    }

    [Fact]
    public async Task Every_fixture_folder_is_tested()
    {
        // Guards the MemberData: an empty or mis-located fixture folder must not pass silently.
        Assert.Equal(12, GoodObjects().Count);
        Assert.Equal(13, WarnObjects().Count);
        Assert.True(BadObjects().Count >= 55);
        await Task.CompletedTask;
    }

    private static Task<OcflValidationResult> ValidateAsync(string group, string name) =>
        new OcflValidator().ValidateObjectAsync(new FileSystemBlobStore(Path.Combine(TestPaths.OcflFixtures, group, name)), "");

    /// <summary>The leading E/W codes of a fixture folder name: E049_E050_E054_bad_version_block_values → E049, E050, E054.</summary>
    private static HashSet<string> ExpectedCodes(string name) =>
        name.Split('_').TakeWhile(p => p.Length == 4 && p[0] is 'E' or 'W' && p[1..].All(char.IsAsciiDigit)).ToHashSet();

    private static TheoryData<string> Folders(string group)
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(TestPaths.OcflFixtures, group)).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }
}
