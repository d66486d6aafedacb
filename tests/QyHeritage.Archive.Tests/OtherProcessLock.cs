using System.Diagnostics;

namespace QyHeritage.Archive.Tests;

/// <summary>
/// A lock file held by a real other process the way .NET holds a file opened without sharing (an exclusive
/// <c>flock</c>): for the tests of the locks that make processes take turns (index writer, audit).
/// </summary>
public sealed class OtherProcessLock : IAsyncDisposable
{
    private readonly Process _holder;
    private readonly string _path;

    private OtherProcessLock(Process holder, string path) => (_holder, _path) = (holder, path);

    /// <summary>Starts the holder and waits until it really holds the lock (a loaded machine may take a while to start it).</summary>
    public static async Task<OtherProcessLock> HoldAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var holder = Process.Start(new ProcessStartInfo("flock", ["-x", path, "sleep", "60"]) { UseShellExecute = false })!;
        for (var i = 0; i < 100 && !HeldElsewhere(path); i++) await Task.Delay(100);
        return new OtherProcessLock(holder, path);
    }

    /// <summary>Ends the holder and waits until the lock is free: flock's child holds the descriptor too and may outlive it by a moment.</summary>
    public async Task ReleaseAsync()
    {
        if (!_holder.HasExited)
        {
            _holder.Kill(entireProcessTree: true);
            await _holder.WaitForExitAsync();
        }
        for (var i = 0; i < 100 && HeldElsewhere(_path); i++) await Task.Delay(100);
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        _holder.Dispose();
    }

    /// <summary>Whether some process holds the file's lock now (this probe takes and drops it when none does).</summary>
    public static bool HeldElsewhere(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
