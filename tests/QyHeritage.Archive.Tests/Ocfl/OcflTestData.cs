using System.Text;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Ocfl;

/// <summary>Small helpers shared by the OCFL tests.</summary>
internal static class OcflTestData
{
    public static OcflVersionInfo Info(string message = "ingest") =>
        new(message, "Ingest robot", "mailto:archive@qylib.example", new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(8)));

    /// <summary>Contents from text, in the order given.</summary>
    public static List<OcflContent> State(params (string Path, string Text)[] files) =>
        files.Select(f => OcflContent.FromBytes(f.Path, Encoding.UTF8.GetBytes(f.Text))).ToList();

    public static Task<string> ReadTextAsync(OcflRepository repo, string id, string path, int? version = null) => repo.ReadTextAsync(id, path, version);

    /// <summary>Relative keys of the blobs under one object's root.</summary>
    public static async Task<List<string>> KeysAsync(IBlobStore store, string objectRoot)
    {
        var keys = new List<string>();
        await foreach (var b in store.ListAsync(objectRoot + "/")) keys.Add(b.Key.Value[(objectRoot.Length + 1)..]);
        return keys;
    }

    /// <summary>Validates an object and fails with the findings when there is any error or an unexpected warning.</summary>
    public static async Task AssertValidAsync(IBlobStore store, OcflRepository repo, string id)
    {
        var result = await new OcflValidator().ValidateObjectAsync(store, repo.ObjectRoot(id));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        // Catalogue ids are not URIs (W005); nothing else is acceptable in what we write.
        Assert.All(result.Warnings, w => Assert.Equal("W005", w.Code));
    }
}
