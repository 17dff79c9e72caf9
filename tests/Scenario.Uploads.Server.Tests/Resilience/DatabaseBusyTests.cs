using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Scenario.Testing;
using Scenario.Uploads.Server.Tests.Telemetry;

namespace Scenario.Uploads.Server.Tests.Resilience;

/// <summary>
/// A database that holds the service up past <c>Database:Timeout</c> is the server's passing event: every
/// request that needs it answers 503 <c>database_unavailable</c> with Retry-After (never 500), changes nothing,
/// is counted, and the same requests go through once the database answers again. Here another process's
/// write lock on the SQLite file, the embedded database's own way of being unavailable.
/// </summary>
public sealed class DatabaseBusyTests
{
    private const int MiB = 1024 * 1024;

    [Fact(Skip = "The embedded database's test; the postgres-s3 pass restarts PostgreSQL itself (Faults).", SkipType = typeof(TestBackend),
        SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task Requests_answer_503_with_Retry_After_while_the_database_is_locked_and_go_through_after()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Database:Timeout"] = "00:00:01" },
        });
        using var api = new UploadApi(host);
        using var client = host.CreateClient();
        var bytes = UploadFlowTests.RandomBytes(6 * MiB + 5, seed: 231);
        var upload = await api.CreateFor(bytes, "asset", "kept.bin", "application/octet-stream", parts: 2);
        var id = upload.Id;
        await api.PutPartsAsync(upload, bytes, partSize: 5 * MiB);

        await using (var other = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "uploads.db")}"))
        {
            await other.OpenAsync(TestContext.Current.CancellationToken);
            await using var holding = other.BeginTransaction(deferred: false);

            var create = await api.PostJsonAsync("v1/uploads",
                """{"fileName":"new.bin","contentType":"application/octet-stream","fileSize":10,"parts":1,"kind":"asset"}""");
            var complete = await api.ActionAsync(id, "complete");

            foreach (var refused in new[] { create, complete })
            {
                var problem = await ProblemAssert.IsProblem(refused, HttpStatusCode.ServiceUnavailable, "database_unavailable");
                Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
                Assert.Equal(5, problem.Json.GetProperty("remainingSeconds").GetInt32());
                Assert.Contains("again", problem.Detail);
            }
        }

        var scrape = await Scrape.TakeAsync(client);
        Assert.True(scrape.Sum("scenario_uploads_backend_errors_total", ("backend", "database"), ("kind", "busy")) >= 2, scrape.Text);
        Assert.Equal("pending", (await api.RetrieveAsync(id)).Status);
        Assert.Equal(1, await api.CountUploadsAsync());
        await api.CompleteAsync(id);
        var done = await api.WaitForEndAsync(id);
        Assert.Equal("imported", done.Status);
        Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
        var again = await api.PostJsonAsync("v1/uploads",
            """{"fileName":"new.bin","contentType":"application/octet-stream","fileSize":10,"parts":1,"kind":"asset"}""");
        Assert.True(again.IsSuccessStatusCode, ((int)again.StatusCode).ToString(CultureInfo.InvariantCulture));
    }
}
