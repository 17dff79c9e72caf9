using System.Net;
using System.Security.Cryptography;
using Scenario.Models;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Testing;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>
/// The service's PostgreSQL restarts (<c>pg_ctl stop -m fast</c>, 6 s down, start) while the SDK is sending
/// parts: the service answers what needs the database 503 with Retry-After, and the SDK's own retries, with
/// its default settings, carry the upload through to imported, byte for byte. The database is a throw-away
/// cluster of the test's own (PostgresCluster), with the parts on local disk, so it runs in any pass that has
/// PostgreSQL's binaries.
/// </summary>
public sealed class DatabaseRestartTests
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_through_a_database_restart_completes_with_its_sha256()
    {
        if (Prerequisites.Missing(PostgresCluster.Unavailable()) is { } why)
        {
            Assert.Skip(why);
        }
        await using var cluster = await PostgresCluster.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = await cluster.CreateDatabaseAsync(),
        };
        var dataDirectory = TempDirectory.Create();
        using var file = new TempPath();
        TestFiles.WriteLargeFile(file.Path, 24 * MiB + 17, seed: 62);
        try
        {
            await using var service = await ServiceProcess.StartAsync(dataDirectory, FreePort.Next(), settings);
            // Parts at 4 MiB/s, so some are in flight when the database goes.
            var statuses = new CountingHandler(new ThrottledParts(bytesPerSecond: 4 * MiB));
            using var client = new ScenarioClient(new ScenarioClientOptions
            {
                ApiKey = TestKeys.ApiKey, ApiSecret = TestKeys.ApiSecret, BaseUrl = $"{service.BaseUrl}v1",
                HttpMessageHandler = statuses, GetEnvironmentVariable = _ => null,
            });
            var firstPart = new TaskCompletionSource();
            var upload = client.Uploads.UploadFileAsync(file.Path, new UploadFileOptions
            {
                Kind = UploadKind.Asset,
                PartSize = 8 * MiB,
                Concurrency = 2,
                Progress = new LambdaProgress<UploadProgress>(p =>
                {
                    if (p.PartsDone > 0)
                    {
                        firstPart.TrySetResult();
                    }
                }),
            }, Ct);

            await firstPart.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            await cluster.StopAsync();
            await Task.Delay(Outage, Ct);
            await cluster.StartAgainAsync();
            var done = await upload.WaitAsync(TimeSpan.FromMinutes(2), Ct);

            TestContext.Current.SendDiagnosticMessage($"statuses: {string.Join(", ", statuses.Statuses)}");
            Assert.Equal(UploadStatus.Imported, done.Status);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.Path))), done.Sha256);
            Assert.DoesNotContain(statuses.Statuses, s => s == HttpStatusCode.InternalServerError || (int)s is >= 400 and < 500);
            // The restart really fell in the middle: something was turned away as waitable.
            Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses.Statuses);
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }
}
