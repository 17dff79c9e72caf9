using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Scenario.Testing;
using Scenario.Uploads.Server.Tests.Operations;

namespace Scenario.Uploads.Server.Tests;

/// <summary>
/// Three instances on one PostgreSQL database hold one owner to the configured rate together, not three times
/// it: the per-owner limits are leased from the database (RateLimits: windows aligned on the Unix epoch).
/// </summary>
public sealed class SharedRateLimitTests
{
    private const int Limit = 20;
    private const int Windows = 5;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Three_instances_hold_one_owner_to_the_configured_create_rate_together()
    {
        if (TestBackend.MissingServers() is { } why)
        {
            Assert.Skip(why);
        }
        if (!TestBackend.IsPostgresS3)
        {
            Assert.Skip("Runs in the postgres-s3 pass of scripts/test (SCENARIO_TEST_BACKEND=postgres-s3).");
        }
        var backend = await TestBackend.CreatePostgresS3SettingsAsync();
        backend["RateLimits:Create:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        backend["RateLimits:Create:Window"] = "00:00:02";
        backend["RateLimits:InstanceHeartbeat"] = "00:00:01";
        var directories = Enumerable.Range(0, 3).Select(_ => TempDirectory.Create()).ToArray();
        var instances = await Task.WhenAll(directories.Select(d => ServiceProcess.StartAsync(d, FreePort.Next(), backend)));
        try
        {
            var apis = instances.Select(i => new UploadApi(i)).ToArray();
            var outcome = await HammerAsync(apis);

            // Five windows of 20: within 10 % of the configured rate, where each instance alone would allow 100.
            Assert.InRange(outcome.Created, Limit * Windows * 9 / 10, Limit * Windows * 11 / 10);
            Assert.True(outcome.Refused > 0, "the owner went past the limit, so some creates were refused");
            Assert.Equal(0, outcome.Other);
            Assert.All(outcome.RetryAfters, seconds => Assert.InRange(seconds, 1, 2));
            // Refused creates changed nothing: the database holds exactly the accepted ones.
            Assert.Equal(outcome.Created, await BackendSql.SingleAsync<long>(directories[0], backend, "SELECT count(*) FROM uploads"));
            foreach (var api in apis)
            {
                api.Dispose();
            }
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
            foreach (var directory in directories)
            {
                TempDirectory.TryDelete(directory);
            }
        }
    }

    /// <summary>
    /// Two clients per instance create as fast as they can from the start of a window until shortly before the
    /// end of the fifth, so every request is counted in one of those five windows; at most 40,000 requests.
    /// </summary>
    private static async Task<Outcome> HammerAsync(UploadApi[] apis)
    {
        var now = DateTimeOffset.UtcNow;
        var start = now.AddTicks(Window.Ticks - (now - DateTimeOffset.UnixEpoch).Ticks % Window.Ticks);
        // Stop half a second early: each window's 20 are gone in its first moments, and a request still on its way
        // at the end must not reach a sixth window.
        var stop = start + Window * Windows - TimeSpan.FromMilliseconds(500);
        await Task.Delay(start - DateTimeOffset.UtcNow);
        var statuses = new ConcurrentBag<(HttpStatusCode Status, int? RetryAfter)>();
        var budget = 40_000;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(client => Task.Run(async () =>
        {
            var api = apis[client % apis.Length];
            while (DateTimeOffset.UtcNow < stop && Interlocked.Decrement(ref budget) >= 0)
            {
                using var response = await api.Client.PostAsJsonAsync("v1/uploads", Hosts.SmallUpload);
                var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int?)delta.TotalSeconds : null;
                statuses.Add((response.StatusCode, retryAfter));
            }
        })));
        var refused = statuses.Where(s => s.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.All(refused, s => Assert.NotNull(s.RetryAfter));
        return new Outcome(
            statuses.Count(s => s.Status is HttpStatusCode.Created or HttpStatusCode.OK),
            refused.Count,
            statuses.Count(s => s.Status is not (HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.TooManyRequests)),
            refused.Select(s => s.RetryAfter ?? 0).ToList());
    }

    private sealed record Outcome(int Created, int Refused, int Other, IReadOnlyList<int> RetryAfters);
}
