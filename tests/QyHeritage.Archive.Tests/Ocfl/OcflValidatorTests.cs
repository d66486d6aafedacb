using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Ocfl;

/// <summary>Inputs the fixtures do not cover: broken inventories and names our keys cannot hold give errors, never exceptions.</summary>
public sealed class OcflValidatorTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempFolder("ocfl-validator");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string> BrokenInventories() => new()
    {
        { "", "E033" },
        { "null", "E033" },
        { "[]", "E033" },
        { "{\"id\":\"urn:x\"", "E033" },
        { new string('[', 2000) + new string(']', 2000), "E033" },
        { "{\"versions\":5}", "E044" },
        { "{\"id\":7,\"type\":[],\"digestAlgorithm\":{},\"head\":\"v1\",\"manifest\":[],\"versions\":{\"v1\":null}}", "E047" },
        { "{\"id\":\"urn:x\",\"type\":\"https://ocfl.io/1.1/spec/#inventory\",\"digestAlgorithm\":\"sha512\",\"head\":\"v1\",\"manifest\":{},\"versions\":{\"v1\":{\"created\":\"2020-01-01T00:00:00Z\",\"state\":{\"x\":[1]}}}}", "E051" },
    };

    [Theory]
    [MemberData(nameof(BrokenInventories))]
    public async Task A_broken_inventory_is_reported_not_thrown(string inventory, string expectedCode)
    {
        var dir = CopyFixture("spec-ex-minimal");
        await File.WriteAllTextAsync(Path.Combine(dir, "inventory.json"), inventory);

        var result = await new OcflValidator().ValidateObjectAsync(new FileSystemBlobStore(dir), "");

        Assert.Contains(result.Errors, e => e.Code == expectedCode);
    }

    [Fact]
    public async Task A_content_path_our_keys_cannot_hold_is_an_error_not_a_crash()
    {
        // A backslash is a legal file name character on Linux, but never in a BlobKey: the store cannot list or read it.
        var dir = CopyFixture("spec-ex-minimal");
        var inventoryPath = Path.Combine(dir, "inventory.json");
        var text = (await File.ReadAllTextAsync(inventoryPath)).Replace("v1/content/file.txt", "v1/content/a\\\\b.txt");
        await File.WriteAllTextAsync(inventoryPath, text);
        File.Move(Path.Combine(dir, "v1", "content", "file.txt"), Path.Combine(dir, "v1", "content", "a\\b.txt"));

        var result = await new OcflValidator().ValidateObjectAsync(new FileSystemBlobStore(dir), "");

        Assert.Contains(result.Errors, e => e.Code == "E092" && e.Message.Contains("a\\b.txt"));
    }

    [Fact]
    public async Task A_missing_object_root_is_an_error()
    {
        var result = await new OcflValidator().ValidateObjectAsync(new FileSystemBlobStore(_folder), "ocfl/QY-RB-404");
        Assert.Equal(["E003", "E063"], result.Errors.Select(e => e.Code));
    }

    private string CopyFixture(string name)
    {
        var source = Path.Combine(TestPaths.OcflFixtures, "good-objects", name);
        var target = Path.Combine(_folder, name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
