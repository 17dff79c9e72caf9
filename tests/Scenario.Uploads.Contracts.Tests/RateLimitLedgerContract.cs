using Scenario.Uploads.Persistence.Sql;
using Scenario.Uploads.RateLimits;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>
/// What the rate-limit ledger promises on either database: leases of any number of instances never sum past a
/// window's limit, each window is counted apart, and only instances that beat recently count as alive.
/// </summary>
public abstract class RateLimitLedgerContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract Task<PersistenceSet> OpenAsync();

    private async Task<IRateLimitLedger> LedgerAsync() => new SqlRateLimitLedger((ISqlDatabase)(await OpenAsync()).Database);

    private static SharedWindow Window(string policy = "owner-create", string owner = "owner_a", int startSeconds = 0) =>
        new(policy, owner, Records.T0.AddSeconds(startSeconds), Records.T0.AddSeconds(startSeconds + 2));

    [Fact]
    public async Task Concurrent_leases_of_several_instances_take_exactly_the_limit_and_no_more()
    {
        var ledger = await LedgerAsync();
        var granted = 0;

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while ((await ledger.TakeAsync(Window(), 4, 50, None)).Granted is > 0 and var taken)
            {
                Interlocked.Add(ref granted, taken);
            }
        })));

        Assert.Equal(50, granted);
        Assert.Equal(new RateLimitGrant(0, 50), await ledger.TakeAsync(Window(), 1, 50, None));
    }

    [Fact]
    public async Task A_lease_gets_what_is_left_when_less_than_it_wants_is()
    {
        var ledger = await LedgerAsync();

        Assert.Equal(new RateLimitGrant(8, 8), await ledger.TakeAsync(Window(), 8, 10, None));
        Assert.Equal(new RateLimitGrant(2, 10), await ledger.TakeAsync(Window(), 5, 10, None));
        Assert.Equal(new RateLimitGrant(0, 10), await ledger.TakeAsync(Window(), 1, 10, None));
    }

    [Fact]
    public async Task Each_window_owner_and_limit_is_counted_apart()
    {
        var ledger = await LedgerAsync();
        await ledger.TakeAsync(Window(), 3, 3, None);

        Assert.Equal(new RateLimitGrant(3, 3), await ledger.TakeAsync(Window(startSeconds: 2), 3, 3, None));
        Assert.Equal(new RateLimitGrant(3, 3), await ledger.TakeAsync(Window(owner: "owner_b"), 3, 3, None));
        Assert.Equal(new RateLimitGrant(3, 3), await ledger.TakeAsync(Window(policy: "owner-read"), 3, 3, None));
    }

    [Fact]
    public async Task Instances_count_as_alive_while_they_beat_and_stop_counting_when_they_leave()
    {
        var ledger = await LedgerAsync();

        Assert.Equal(1, await ledger.BeatAsync("a", Records.T0, Records.T0.AddSeconds(-15), None));
        Assert.Equal(2, await ledger.BeatAsync("b", Records.T0.AddSeconds(5), Records.T0.AddSeconds(-10), None));
        // Fifteen seconds on, "a" has not beaten for three heartbeats of five: it no longer counts.
        Assert.Equal(1, await ledger.BeatAsync("b", Records.T0.AddSeconds(16), Records.T0.AddSeconds(1), None));
        await ledger.LeaveAsync("b", None);
        Assert.Equal(1, await ledger.BeatAsync("a", Records.T0.AddSeconds(17), Records.T0.AddSeconds(-15), None));
    }

    [Fact]
    public async Task Sweeping_deletes_ended_windows_and_long_gone_instances_only()
    {
        var ledger = await LedgerAsync();
        await ledger.TakeAsync(Window(), 5, 5, None);
        await ledger.TakeAsync(Window(startSeconds: 2), 5, 5, None);
        await ledger.BeatAsync("gone", Records.T0, Records.T0, None);
        await ledger.BeatAsync("here", Records.T0.AddSeconds(3), Records.T0, None);

        await ledger.SweepAsync(Records.T0.AddSeconds(3), Records.T0.AddSeconds(1), None);

        Assert.Equal(new RateLimitGrant(5, 5), await ledger.TakeAsync(Window(), 5, 5, None));
        Assert.Equal(new RateLimitGrant(0, 5), await ledger.TakeAsync(Window(startSeconds: 2), 5, 5, None));
        Assert.Equal(1, await ledger.BeatAsync("here", Records.T0.AddSeconds(4), Records.T0.AddSeconds(-100), None));
    }
}

public sealed class SqliteRateLimitLedgerTests : RateLimitLedgerContract
{
    protected override Task<PersistenceSet> OpenAsync() => PersistenceSet.SqliteAsync();
}

public sealed class PostgresRateLimitLedgerTests : RateLimitLedgerContract
{
    protected override Task<PersistenceSet> OpenAsync() => PersistenceSet.PostgresAsync();
}
