using QyHeritage.Archive;
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
    /// Starts the verb with <see cref="CrashRehearsal"/> set to halt at <paramref name="haltAt"/> and SIGKILLs it as soon
    /// as it says it halted there. Returns whether it was killed (false: it finished without reaching the step).
    /// </summary>
    public static async Task<bool> RunUntilHaltedAsync(string haltAt, TimeSpan limit, params string[] args)
    {
        var psi = StartInfo(args);
        psi.Environment[CrashRehearsal.EnvVar] = haltAt;
        using var p = Process.Start(psi)!;
        var output = new StringBuilder();
        var halted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdout = Task.Run(async () => { while (await p.StandardOutput.ReadLineAsync() is { } l) lock (output) output.AppendLine(l); });
        var stderr = Task.Run(async () =>
        {
            while (await p.StandardError.ReadLineAsync() is { } l)
            {
                lock (output) output.AppendLine(l);
                if (l.StartsWith(CrashRehearsal.HaltedLine, StringComparison.Ordinal)) halted.TrySetResult();
            }
        });
        var exited = p.WaitForExitAsync();
        var first = await Task.WhenAny(halted.Task, exited, Task.Delay(limit));
        var killed = first == halted.Task;
        if (first != exited) p.Kill(entireProcessTree: true); // SIGKILL on Unix
        await p.WaitForExitAsync();
        await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(30));
        if (first != exited && !killed)
            throw new TimeoutException($"qy {string.Join(' ', args)}: neither finished nor halted at {haltAt} within {limit.TotalSeconds} s:\n{output}");
        if (!killed && p.ExitCode != 0) throw new InvalidOperationException($"qy {string.Join(' ', args)} failed before halting at {haltAt} (exit {p.ExitCode}):\n{output}");
        return killed;
    }
}
