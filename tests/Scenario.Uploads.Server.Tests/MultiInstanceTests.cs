using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>
/// Several stateless instances over one PostgreSQL database and one S3 bucket, as behind a load balancer:
/// any instance serves any request, and a job runs to its end exactly once even when its instance dies.
/// </summary>
public sealed class MultiInstanceTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Two_instances_share_an_upload_and_the_survivor_finishes_the_job_of_a_killed_one()
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
        // Both may claim the job; whichever does kills itself (SIGKILL) right after committing "validated".
        // The other then finds the lease lapsed and resumes at the import, which does not halt again.
        backend["Jobs:HaltAfterStatus"] = "validated";
        backend["Jobs:LeaseDuration"] = "00:00:02";
        var directories = new[] { TempDirectory.Create(), TempDirectory.Create() };
        try
        {
            // Started together: both create or check the schema and bucket at once.
            var started = await Task.WhenAll(directories.Select(d => ServiceProcess.StartAsync(d, FreePort.Next(), backend)));
            await using var a = started[0];
            await using var b = started[1];
            using var apiA = new UploadApi(a);
            using var apiB = new UploadApi(b);
            var bytes = UploadFlowTests.RandomBytes(3 * 5 * MiB + 123, seed: 61);

            var created = await apiA.CreateFor(bytes, "asset", "shared.bin", "application/octet-stream", parts: 3);
            var id = created.Id;
            var signedByB = await apiB.RetrieveAsync(id);
            await apiA.PutPartsAsync(created, bytes, order: [1, 3]);
            await apiB.PutPartsAsync(signedByB, bytes, order: [2]);
            await apiB.CompleteAsync(id);

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!a.HasExited && !b.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            Assert.True(a.HasExited ^ b.HasExited, "exactly one instance claimed the job and died mid-job");
            using var survivor = a.HasExited ? apiB : apiA;
            var done = await survivor.WaitForEndAsync(id, TimeSpan.FromSeconds(60));

            Assert.Equal("imported", done.Status);
            Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
            var dataDirectory = directories[0];
            var job = await BackendSql.SingleAsync<(string Status, long Attempts)>(dataDirectory, backend,
                "SELECT status, attempts FROM jobs WHERE upload_id = @id", new { id });
            Assert.Equal(("success", 2L), job);
            Assert.Equal(1L, await BackendSql.SingleAsync<long>(dataDirectory, backend, "SELECT count(*) FROM assets WHERE upload_id = @id", new { id }));
        }
        finally
        {
            foreach (var directory in directories)
            {
                TempDirectory.TryDelete(directory);
            }
        }
    }
}
