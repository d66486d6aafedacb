using System.Diagnostics;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Immersive.Tests.Compiler;

/// <summary>The Khronos glTF validator (npm gltf-validator, in the root workspace) run by node on a file.</summary>
public static class GltfValidator
{
    public static async Task<(bool Clean, string Report)> ValidateAsync(byte[] glb, string name)
    {
        // Kept as test output (bin/…/hall-output/) to open in a viewer.
        var folder = Path.Combine(AppContext.BaseDirectory, "hall-output");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".glb");
        await File.WriteAllBytesAsync(file, glb);
        var psi = new ProcessStartInfo("node", [Path.Combine(TestPaths.RepoRoot, "immersive", "tools", "validate-gltf.mjs"), file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode == 0, output + error);
    }
}
