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
        await using (var other = await OtherProcessLock.HoldAsync(AuditTurn.LockPathIn(data)))
            Assert.Null(AuditTurn.TryTake(data));
        using var mine = AuditTurn.TryTake(data);
        Assert.NotNull(mine);
    }
}
