using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Scenario.Testing;
using Scenario.Uploads.Persistence.Sql;
using Scenario.Uploads.Postgres;
using Scenario.Uploads.Server.RateLimits;

namespace Scenario.Uploads.Server.Tests.Operations;

/// <summary>
/// A shared limit whose database cannot be reached (a PostgreSQL client to a loopback port nobody listens on):
/// the limiter never throws (a request must not become a 500) and allows this instance's share of the limit.
/// </summary>
public sealed class RateLimitFallbackTests
{
    private static readonly RateLimitWindow Day = new() { PermitLimit = 6, Window = TimeSpan.FromDays(1) };

    [Fact]
    public async Task Without_its_database_an_instance_allows_its_share_of_the_limit_and_says_when_to_retry()
    {
        await using var database = new PostgresDatabase($"Host=127.0.0.1;Port={FreePort.Next()};Username=nobody;Database=none;Timeout=2");
        await AssertShareAsync(database);
    }

    [Fact]
    public async Task With_a_database_that_never_answers_an_instance_allows_its_share_once_the_timeout_passed()
    {
        // The kernel completes the connections into the listener's backlog; nothing ever reads or answers them.
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
            await using var database = new PostgresDatabase($"Host=127.0.0.1;Port={port};Username=nobody;Database=none;Timeout=30");
            await AssertShareAsync(database);
        }
        finally
        {
            silent.Stop();
        }
    }

    private static async Task AssertShareAsync(PostgresDatabase database)
    {
        var options = new RateLimitsOptions { DatabaseTimeout = TimeSpan.FromMilliseconds(300) };
        var shared = new SharedRateLimits(new SqlRateLimitLedger(database),
            Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<SharedRateLimits>.Instance);
        // The last heartbeat counted three instances: the share is 6 / 3.
        shared.Counted(3);
        using var limiter = new SharedWindowLimiter(shared, RateLimitPolicies.Create, "owner_a", Day);

        var leases = new List<RateLimitLease>();
        for (var i = 0; i < 4; i++)
        {
            leases.Add(await limiter.AcquireAsync(1));
        }

        Assert.True(shared.IsFallingBack);
        Assert.Equal([true, true, false, false], leases.Select(l => l.IsAcquired));
        Assert.All(leases.Where(l => !l.IsAcquired), l =>
            Assert.InRange(Assert.IsType<TimeSpan>(l.TryGetMetadata(MetadataName.RetryAfter.Name, out var after) ? after : null), TimeSpan.FromTicks(1), Day.Window));
    }

    [Fact]
    public async Task Limits_are_shared_through_PostgreSQL_and_kept_in_memory_on_SQLite()
    {
        await using var host = await Hosts.StartAsync();
        var shared = (SharedRateLimits)host.Services.GetService(typeof(SharedRateLimits))!;

        Assert.Equal(TestBackend.IsPostgresS3, shared.IsShared);
    }
}
