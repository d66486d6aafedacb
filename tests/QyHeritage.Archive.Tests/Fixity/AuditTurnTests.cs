using System.Diagnostics;
using QyHeritage.Archive.Fixity;

namespace QyHeritage.Archive.Tests.Fixity;

public sealed class AuditTurnTests
{
    [Fact]
    public void One_audit_at_a_time_per_data_folder_and_the_turn_comes_back_when_released()
    {
        var data = TestPaths.NewTempFolder("audit-turn");
        var first = AuditTurn.TryTake(data);
        Assert.NotNull(first);
        Assert.Null(AuditTurn.TryTake(data));
        // Another data folder has its own turn.
        using (var other = AuditTurn.TryTake(TestPaths.NewTempFolder("audit-turn-other"))) Assert.NotNull(other);
        first.Dispose();
        using var again = AuditTurn.TryTake(data);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task A_turn_held_by_another_process_is_respected_and_freed_when_that_process_ends()
    {
        var data = TestPaths.NewTempFolder("audit-turn-process");
        var path = AuditTurn.LockPathIn(data);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var holder = Process.Start(new ProcessStartInfo("flock", ["-x", path, "sleep", "60"]) { UseShellExecute = false })!;
        try
        {
            // A loaded machine may take a while to start it.
            for (var i = 0; i < 100; i++)
            {
                using var probe = AuditTurn.TryTake(data);
                if (probe is null) break;
                await Task.Delay(100);
            }
            Assert.Null(AuditTurn.TryTake(data));
        }
        finally
        {
            holder.Kill(entireProcessTree: true); // flock's child holds the descriptor too
            await holder.WaitForExitAsync();
        }
        // flock's child (sleep) holds the descriptor too and may outlive it by a moment.
        AuditTurn? mine = null;
        for (var i = 0; i < 100 && (mine = AuditTurn.TryTake(data)) is null; i++) await Task.Delay(100);
        Assert.NotNull(mine);
        mine.Dispose();
    }
}
