using Scenario.Uploads.Server.Parts;

namespace Scenario.Uploads.Server.Tests.Unit;

public sealed class PartLocksTests
{
    [Fact]
    public async Task Writes_of_one_part_wait_for_each_other_and_the_lock_is_dropped_when_the_last_leaves()
    {
        var locks = new PartLocks();
        var first = await locks.AcquireAsync("upload_a", 1, CancellationToken.None);
        var other = await locks.AcquireAsync("upload_a", 2, CancellationToken.None);
        var second = locks.AcquireAsync("upload_a", 1, CancellationToken.None);

        Assert.False(second.IsCompleted, "a second copy of the same part waits");
        first.Dispose();
        (await second).Dispose();
        other.Dispose();

        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_leaves_no_lock_behind()
    {
        var locks = new PartLocks();
        var held = await locks.AcquireAsync("upload_b", 1, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiter = locks.AcquireAsync("upload_b", 1, cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        held.Dispose();

        Assert.Equal(0, locks.Count);
    }
}
