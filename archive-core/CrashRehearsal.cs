namespace QyHeritage.Archive;

/// <summary>
/// Named steps of a write where a crash test may stop this process, so that its SIGKILL lands exactly
/// there rather than wherever the clock happens to be on a busy machine. Off unless the environment
/// variable <c>QY_HALT_AT</c> names a step and, after a colon, on which pass to stop
/// (<c>ocfl-committed:2</c> stops at the second commit). There the process writes
/// <c>QY_HALTED step n</c> to standard error and waits to be killed; nothing else changes.
/// </summary>
public static class CrashRehearsal
{
    public const string EnvVar = "QY_HALT_AT";
    public const string HaltedLine = "QY_HALTED";

    /// <summary>A content file of an unpublished version is stored (inside a commit, before its commit point).</summary>
    public const string OcflContentStored = "ocfl-content";

    /// <summary>A version is committed (root inventory and sidecar written); the catalog does not know it yet.</summary>
    public const string OcflCommitted = "ocfl-committed";

    /// <summary>The catalog has the new version; the search index does not yet.</summary>
    public const string CatalogUpdated = "catalog-updated";

    private static readonly (string Step, int Pass)? Target = Parse(Environment.GetEnvironmentVariable(EnvVar));
    private static int _passes;

    public static void Reach(string step)
    {
        if (Target is not { } target || !string.Equals(target.Step, step, StringComparison.Ordinal)) return;
        if (Interlocked.Increment(ref _passes) != target.Pass) return;
        Console.Error.WriteLine($"{HaltedLine} {step} {target.Pass}");
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var colon = value.IndexOf(':');
        if (colon < 0) return (value, 1);
        return int.TryParse(value.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pass) && pass > 0
            ? (value[..colon], pass)
            : null;
    }
}
