using System.Net;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>Nothing accepted is lost: restarts, crashes of the worker, expiry.</summary>
public sealed class DurabilityTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task An_upload_survives_a_restart_of_the_service_in_the_middle()
    {
        await using var host = await ServiceHost.StartAsync();
        var bytes = UploadFlowTests.RandomBytes(20 * MiB + 1, seed: 31);
        Upload upload;
        using (var api = new UploadApi(host))
        {
            upload = await api.CreateFor(bytes, "asset", "restart.bin", "application/octet-stream", parts: 3);
            await api.PutPartsAsync(upload, bytes, order: [2]);
        }

        await host.RestartAsync();

        using var after = new UploadApi(host);
        var id = upload.Id;
        var resumed = await after.RetrieveAsync(id);
        Assert.Equal([false, true, false], resumed.Parts.Select(p => p.Uploaded));
        await after.PutPartsAsync(upload, bytes, order: [3, 1]);
        await after.CompleteAsync(id);
        var done = await after.WaitForEndAsync(id);
        Assert.Equal("imported", done.Status);
        Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
    }

    [Fact]
    public async Task A_worker_killed_mid_job_leaves_a_job_that_is_picked_up_again()
    {
        var dataDirectory = TempDirectory.Create();
        var port = FreePort.Next();
        var backend = await TestBackend.CreateSettingsAsync();
        try
        {
            var bytes = UploadFlowTests.RandomBytes(12 * MiB, seed: 32);
            string id;
            // This instance kills itself (SIGKILL) right after committing "validated", mid-job.
            await using (var doomed = await ServiceProcess.StartAsync(dataDirectory, port, new Dictionary<string, string>(backend)
            {
                ["Jobs:HaltAfterStatus"] = "validated",
                ["Jobs:LeaseDuration"] = "00:00:02",
            }))
            {
                using var api = new UploadApi(doomed);
                var upload = await api.CreateFor(bytes, "asset", "crash.bin", "application/octet-stream", parts: 2);
                id = upload.Id;
                await api.PutPartsAsync(upload, bytes);
                await api.CompleteAsync(id);
                await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
                Assert.True(doomed.HasExited);
            }
            Assert.Equal(("validated", "in-progress"), await ReadState(dataDirectory, backend, id));

            await using var survivor = await ServiceProcess.StartAsync(dataDirectory, port, new Dictionary<string, string>(backend) { ["Jobs:LeaseDuration"] = "00:00:02" });
            using var again = new UploadApi(survivor);
            var done = await again.WaitForEndAsync(id, TimeSpan.FromSeconds(60));

            Assert.Equal("imported", done.Status);
            Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
            var job = await again.WaitForJobEndAsync(done.JobId!);
            Assert.Equal("success", job.Status);
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task An_expired_pending_upload_fails_and_its_bytes_are_deleted()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["Uploads:PendingLifetime"] = "00:00:03",
                ["Uploads:SweepInterval"] = "00:00:00.200",
            },
        });
        using var api = new UploadApi(host);
        var bytes = UploadFlowTests.RandomBytes(MiB, seed: 33);
        var upload = await api.CreateFor(bytes, "asset", "slow.bin", "application/octet-stream");
        await api.PutPartsAsync(upload, bytes);
        var id = upload.Id;

        var failed = await WaitForStatus(api, id, "failed");

        Assert.Contains("expired", failed.ErrorMessage);
        Assert.True(await StoredBytes.GoneSoonAsync(host, id));
        await ProblemAssert.IsProblem(await api.ActionAsync(id, "complete"), HttpStatusCode.Conflict, "upload_failed");
    }

    [Fact]
    public async Task A_fresh_data_directory_with_no_key_configured_gets_one_generated_key()
    {
        var dataDirectory = TempDirectory.Create();
        var port = FreePort.Next();
        var backend = await TestBackend.CreateSettingsAsync();
        try
        {
            await using var service = await ServiceProcess.StartAsync(dataDirectory, port, backend, withTestKeys: false);
            var output = service.Output;
            var key = Line(output, "SCENARIO_SDK_API_KEY=");
            var secret = Line(output, "SCENARIO_SDK_API_SECRET=");
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{key}:{secret}")));

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v1/uploads")).StatusCode);
            var stored = await BackendSql.SingleAsync<string>(dataDirectory, backend, "SELECT secret_hash FROM api_keys");
            Assert.NotEqual(secret, stored);
            if (!TestBackend.IsPostgresS3)
            {
                Assert.DoesNotContain(secret, File.ReadAllText(Path.Combine(dataDirectory, "uploads.db")));
            }
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    private static string Line(string output, string marker)
    {
        var line = output.Split('\n').First(l => l.Contains(marker, StringComparison.Ordinal));
        return line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim();
    }

    private static async Task<Upload> WaitForStatus(UploadApi api, string id, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var upload = await api.RetrieveAsync(id);
            if (upload.Status == status || DateTime.UtcNow > deadline)
            {
                return upload;
            }
            await Task.Delay(100);
        }
    }

    private static async Task<(string Upload, string Job)> ReadState(string dataDirectory, IReadOnlyDictionary<string, string> backend, string uploadId) =>
        await BackendSql.SingleAsync<(string, string)>(dataDirectory, backend,
            "SELECT u.status, j.status FROM uploads u JOIN jobs j ON j.id = u.job_id WHERE u.id = @uploadId", new { uploadId });
}
