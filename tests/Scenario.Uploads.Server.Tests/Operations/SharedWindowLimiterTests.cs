using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Scenario.Testing;
using Scenario.Uploads.Persistence.Sql;
using Scenario.Uploads.Postgres;
using Scenario.Uploads.Server.RateLimits;

namespace Scenario.Uploads.Server.Tests.Operations;

/// <summary>
/// The limiters of three instances on one real PostgreSQL database, in one process: however an owner's requests
/// fall on the instances, together they admit the limit of a window, no more.
/// </summary>
public sealed class SharedWindowLimiterTests
{
    // A day: a run cannot straddle two windows.
    private static readonly RateLimitWindow Day = new() { PermitLimit = 30, Window = TimeSpan.FromDays(1) };

    [Fact]
    public async Task An_owner_whose_requests_all_reach_one_of_three_instances_still_gets_the_whole_limit()
    {
        await using var database = await DatabaseAsync();
        using var limiter = new SharedWindowLimiter(Instance(database, "a"), RateLimitPolicies.Read, "owner_a", Day);

        var admitted = await AdmitAsync(limiter, Day.PermitLimit + 5);

        Assert.Equal(Day.PermitLimit, admitted);
    }

    [Fact]
    public async Task Three_instances_admitting_concurrently_admit_the_limit_together()
    {
        await using var database = await DatabaseAsync();
        var limiters = new[] { "a", "b", "c" }.Select(name => new SharedWindowLimiter(Instance(database, name), RateLimitPolicies.Read, "owner_a", Day)).ToList();

        var admitted = await Task.WhenAll(limiters.Select(l => Task.Run(() => AdmitAsync(l, Day.PermitLimit))));

        Assert.Equal(Day.PermitLimit, admitted.Sum());
        var refused = await limiters[0].AcquireAsync(1);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero);
        limiters.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task Past_a_used_up_window_the_queue_waits_for_the_next_and_a_request_past_the_queue_is_refused()
    {
        await using var database = await DatabaseAsync();
        var window = new RateLimitWindow { PermitLimit = 2, Window = TimeSpan.FromSeconds(2), QueueLimit = 1 };
        // A clock moved by hand, at the start of a window (they are cut from the Unix epoch): on a loaded machine
        // the real one can roll into the next window between two of these requests.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        using var limiter = new SharedWindowLimiter(Instance(database, "a", clock), RateLimitPolicies.Create, "owner_a", window);
        Assert.Equal(2, await AdmitAsync(limiter, 2));

        var queued = limiter.AcquireAsync(1).AsTask();
        using var refused = await limiter.AcquireAsync(1);

        Assert.False(refused.IsAcquired, "the queue holds one request");
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter == window.Window,
            "the refusal says when the window ends");
        Assert.False(queued.IsCompleted, "the queued request waits for the next window");
        // The queued request may read the clock just before this moves it and set its wait after: the clock moves a
        // window at a time until it wakes (a later window's permit is as good as the next one's).
        for (var moves = 0; moves < 100 && !queued.IsCompleted; moves++)
        {
            clock.Advance(window.Window);
            await Task.WhenAny(queued, Task.Delay(100));
        }
        using var next = await queued.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(next.IsAcquired, "the queued request got a permit of a later window");
    }

    private static async Task<PostgresDatabase> DatabaseAsync()
    {
        if (TestBackend.MissingServers() is { } why)
        {
            Assert.Skip(why);
        }
        var database = new PostgresDatabase(await TestBackend.CreateDatabaseAsync());
        await database.InitializeAsync(CancellationToken.None);
        return database;
    }

    /// <summary>One instance's side of the shared limits, counting three instances alive.</summary>
    private static SharedRateLimits Instance(PostgresDatabase database, string name, TimeProvider? clock = null)
    {
        var shared = new SharedRateLimits(new SqlRateLimitLedger(database),
            Microsoft.Extensions.Options.Options.Create(new RateLimitsOptions { DatabaseTimeout = TimeSpan.FromSeconds(10) }),
            clock ?? TimeProvider.System, NullLogger<SharedRateLimits>.Instance);
        shared.Counted(3);
        return shared;
    }

    /// <summary>Asks <paramref name="requests"/> permits one by one, as the middleware does; answers how many were granted.</summary>
    private static async Task<int> AdmitAsync(SharedWindowLimiter limiter, int requests)
    {
        var admitted = 0;
        for (var i = 0; i < requests; i++)
        {
            using var lease = limiter.AttemptAcquire(1) is { IsAcquired: true } held ? held : await limiter.AcquireAsync(1);
            admitted += lease.IsAcquired ? 1 : 0;
        }
        return admitted;
    }
}
