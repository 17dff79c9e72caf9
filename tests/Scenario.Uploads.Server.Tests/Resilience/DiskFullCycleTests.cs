using System.Net;
using Scenario.Testing;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Tests.Resilience;

/// <summary>
/// A full disk never wedges the service: parts fill the data directory's small disk until one is refused, another
/// program fills it to 0 bytes free, and then, with no operator action, an abort frees space, the refused part goes
/// in, its upload is imported with the right SHA-256, a new upload goes through and /readyz is 200 again. The
/// database file (SQLite) or the blobs (PostgreSQL, whose server is elsewhere) are on that disk. Runs on a tmpfs,
/// which needs root (scripts/test runs as root; elsewhere the tests skip).
/// </summary>
public sealed class DiskFullCycleTests
{
    private const int MiB = 1024 * 1024;
    private const string ReservedSpace = "16777216";

    [Fact(Skip = "Runs in the SQLite pass; the PostgreSQL pass runs the same cycle on PostgreSQL.", SkipType = typeof(TestBackend),
        SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_full_disk_never_wedges_the_service_on_SQLite_with_the_database_on_that_disk()
    {
        // 8 MiB more than the PostgreSQL cycle's disk: the database and its write-ahead log share this one, and
        // their size at the first part varies with when the log was last checkpointed.
        using var disk = SmallDisk.TryMount("72m");
        if (disk is null)
        {
            Assert.Skip(NotRoot);
        }
        await RunCycleAsync(disk, new Dictionary<string, string> { ["Database:Provider"] = "Sqlite" });
    }

    [Fact(Skip = "Runs in the PostgreSQL pass (SCENARIO_TEST_BACKEND=postgres-s3).", SkipType = typeof(TestBackend),
        SkipUnless = nameof(TestBackend.IsPostgresS3))]
    public async Task A_full_disk_never_wedges_the_service_on_PostgreSQL_with_local_storage()
    {
        if (TestBackend.MissingServers() is { } why)
        {
            Assert.Skip(why);
        }
        using var disk = SmallDisk.TryMount("64m");
        if (disk is null)
        {
            Assert.Skip(NotRoot);
        }
        await RunCycleAsync(disk, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = await TestBackend.CreateDatabaseAsync(),
        });
    }

    private const string NotRoot = "Mounting a tmpfs needs root: the disk-full cycle is not tested here.";

    private static async Task RunCycleAsync(SmallDisk disk, Dictionary<string, string> database)
    {
        var settings = new Dictionary<string, string>(database)
        {
            ["Storage:Provider"] = "Local",
            ["Storage:ReservedSpace"] = ReservedSpace,
            ["Health:MinFreeSpace"] = $"{MiB}",
        };
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions { DataDirectory = disk.Path, Settings = settings });
        using var api = new UploadApi(host);
        var ballast = Path.Combine(disk.Path, DiskReserve.BallastFileName);
        await WaitUntilAsync(() => File.Exists(ballast), "the reserve's ballast file is made at start");
        var aborted = await api.CreateFor(new byte[40 * MiB], "asset", "aborted.bin", "application/octet-stream", parts: 5);
        var kept = UploadFlowTests.RandomBytes(24 * MiB, seed: 23);
        var upload = await api.CreateFor(kept, "asset", "kept.bin", "application/octet-stream", parts: 3);
        var id = upload.Id;

        // Parts fill the disk until the reserve refuses one.
        await api.PutPartsAsync(aborted, UploadFlowTests.RandomBytes(40 * MiB, seed: 40));
        var refused = await PutUntilRefusedAsync(api, upload, kept);
        // Another program takes every byte left, the ballast still held.
        await FillToZeroAsync(disk, ballast);

        var abort = await api.ActionAsync(aborted.Id, "abort");

        Assert.True(abort.StatusCode == HttpStatusCode.OK, $"abort: {(int)abort.StatusCode} {await abort.Content.ReadAsStringAsync()}");
        foreach (var number in Enumerable.Range(refused, 3 - refused + 1))
        {
            var part = await PutPartAsync(api, upload, kept, number);
            Assert.True(part.StatusCode == HttpStatusCode.OK, $"part {number} after the abort: {(int)part.StatusCode} {await part.Content.ReadAsStringAsync()}");
        }
        await api.CompleteAsync(id);
        Assert.Equal(UploadApi.Sha256(kept), (await api.WaitForEndAsync(id)).Sha256);
        var fresh = UploadFlowTests.RandomBytes(MiB, seed: 24);
        var after = await api.UploadAsync(fresh, "asset", "fresh.bin", "application/octet-stream");
        Assert.Equal(UploadApi.Sha256(fresh), after.Sha256);
        Assert.Equal(HttpStatusCode.OK, await ReadinessAsync(host));
        await WaitUntilAsync(() => File.Exists(ballast), "the ballast file is made again once the reserve is free");
        await AssertA507WasAnsweredAsync(host);
    }

    /// <summary>PUTs the upload's parts in order until one is refused (507 with Retry-After); its number.</summary>
    private static async Task<int> PutUntilRefusedAsync(UploadApi api, Upload upload, byte[] bytes)
    {
        for (var number = 1; number <= 3; number++)
        {
            var response = await PutPartAsync(api, upload, bytes, number);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                continue;
            }
            var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.InsufficientStorage, "insufficient_storage");
            Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta);
            Assert.Contains("not stored", problem.Detail);
            return number;
        }
        throw new Xunit.Sdk.XunitException("Every part went in: the disk never reached the reserve.");
    }

    private static Task<HttpResponseMessage> PutPartAsync(UploadApi api, Upload upload, byte[] bytes, int number) =>
        api.PutPartAsync(upload.Parts[number - 1].Url!, bytes.AsMemory((number - 1) * 8 * MiB, 8 * MiB));

    /// <summary>
    /// Fills the disk to 0 bytes free with the ballast file in place. Should the service give the file up while
    /// the filler runs (it looks once a second), the filler would take that space too, a second fault this test
    /// is not about: then it starts over once the file is back.
    /// </summary>
    private static async Task FillToZeroAsync(SmallDisk disk, string ballast)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            disk.Fill();
            if (File.Exists(ballast))
            {
                return;
            }
            File.Delete(Path.Combine(disk.Path, "filler"));
            await WaitUntilAsync(() => File.Exists(ballast), "the ballast file is made again once the filler is gone");
        }
        throw new Xunit.Sdk.XunitException("The ballast file never stayed while the disk was filled.");
    }

    private static async Task<HttpStatusCode> ReadinessAsync(ServiceHost host)
    {
        using var client = new HttpClient { BaseAddress = host.BaseUrl };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var ready = await client.GetAsync("readyz");
            if (ready.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return ready.StatusCode;
            }
            await Task.Delay(100);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 15 s for this: {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>The service's own count of answers by status: not one 500 in the whole cycle.</summary>
    private static async Task AssertA507WasAnsweredAsync(ServiceHost host)
    {
        using var client = new HttpClient { BaseAddress = host.BaseUrl };
        var scrape = await client.GetStringAsync("metrics");
        // Only that a 507 was answered: an in-process host shares the framework's meters with every other host of
        // the test run, so another test's deliberate 500 would show here too. Every answer of the cycle itself is
        // asserted where it is received.
        Assert.Contains("http_response_status_code=\"507\"", scrape);
    }
}
