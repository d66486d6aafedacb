using System.Diagnostics;

namespace QyHeritage.Archive.Tests;

/// <summary>
/// Runs this test assembly as a child program (a module initializer picks the role from an
/// environment variable), lets it commit versions and print "committed N", and SIGKILLs it a
/// given time after its first report: a real crash at an arbitrary point of a commit.
/// </summary>
public static class KilledChild
{
    /// <summary>Returns the last version the child reported before it died.</summary>
    public static async Task<int> RunAndKillAsync(string envVar, string envValue, int delayMs)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(typeof(KilledChild).Assembly.Location);
        psi.Environment[envVar] = envValue;
        using var child = Process.Start(psi)!;
        var last = 0;
        var firstReport = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("committed ", StringComparison.Ordinal)) continue;
                Volatile.Write(ref last, int.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture));
                firstReport.TrySetResult();
            }
            firstReport.TrySetResult();
        });
        await firstReport.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(delayMs);
        if (!child.HasExited) child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        // Read to the end of its output: under load the reader can lag several lines behind the child.
        await reading.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(child.ExitCode != 0 || last > 0, await child.StandardError.ReadToEndAsync());
        return Volatile.Read(ref last);
    }
}
