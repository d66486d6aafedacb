using QyHeritage.Archive.Tests;
using System.Diagnostics;
using System.Text;

namespace QyHeritage.Web.Tests.Crash;

/// <summary>Runs <c>dotnet QyHeritage.Web.dll VERB …</c> as a child process: to the end, or killed (SIGKILL) on a condition.</summary>
internal static class QyProcess
{
    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "QyHeritage.Web.dll");

    private static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        psi.ArgumentList.Add(HostDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    public static async Task<(int Code, string Out, string Err)> RunAsync(TimeSpan limit, params string[] args)
    {
        using var p = Process.Start(StartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            throw new TimeoutException($"qy {string.Join(' ', args)} did not finish within {limit.TotalSeconds} s; output so far:\n{await stdout}\n{await stderr}");
        }
        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Starts the verb and SIGKILLs it as soon as <paramref name="killWhen"/> says so (polled every few
    /// milliseconds, with the elapsed time since start). Returns whether it was killed (false: it finished first).
    /// </summary>
    public static async Task<bool> RunAndKillAsync(Func<TimeSpan, bool> killWhen, TimeSpan limit, params string[] args)
    {
        using var p = Process.Start(StartInfo(args))!;
        var output = new StringBuilder();
        var stdout = Task.Run(async () => { while (await p.StandardOutput.ReadLineAsync() is { } l) lock (output) output.AppendLine(l); });
        var stderr = Task.Run(async () => { while (await p.StandardError.ReadLineAsync() is { } l) lock (output) output.AppendLine(l); });
        // Polled on a thread of its own every millisecond: commits of small items follow each other closely.
        var killed = await Task.Factory.StartNew(() =>
        {
            var clock = Stopwatch.StartNew();
            while (!p.HasExited)
            {
                if (killWhen(clock.Elapsed))
                {
                    p.Kill(entireProcessTree: true); // SIGKILL on Unix
                    return true;
                }
                if (clock.Elapsed > limit)
                {
                    p.Kill(entireProcessTree: true);
                    throw new TimeoutException($"qy {string.Join(' ', args)}: neither finished nor met the kill condition within {limit.TotalSeconds} s:\n{output}");
                }
                Thread.Sleep(1);
            }
            return false;
        }, TaskCreationOptions.LongRunning);
        await p.WaitForExitAsync();
        await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(30));
        if (!killed && p.ExitCode != 0) throw new InvalidOperationException($"qy {string.Join(' ', args)} failed before the kill (exit {p.ExitCode}):\n{output}");
        return killed;
    }
}
