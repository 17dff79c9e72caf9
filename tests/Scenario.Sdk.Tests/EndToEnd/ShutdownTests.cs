using System.Net;
using System.Security.Cryptography;
using Scenario.Models;
using Scenario.Testing;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>
/// A deploy stops the service (SIGTERM) while the SDK is sending parts, then starts it again: the upload
/// must finish through the SDK's own retries, byte for byte, and no part may be refused as the client's fault.
/// </summary>
public sealed class ShutdownTests
{
    private const long MiB = 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("00:00:20", 6)] // parts in flight finish within the shutdown timeout
    [InlineData("00:00:01", 2)] // parts in flight are cut off by it
    public async Task An_upload_in_flight_through_a_graceful_restart_completes_with_its_sha256(string shutdownTimeout, int mibPerSecond)
    {
        var dataDirectory = TempDirectory.Create();
        using var file = new TempPath();
        TestFiles.WriteLargeFile(file.Path, 48 * MiB + 17, seed: 61);
        var port = FreePort.Next();
        var settings = new Dictionary<string, string> { ["Uploads:ShutdownTimeout"] = shutdownTimeout };
        var throttle = new ThrottledParts(bytesPerSecond: mibPerSecond * MiB);
        using var client = new ScenarioClient(new ScenarioClientOptions
        {
            ApiKey = TestKeys.ApiKey, ApiSecret = TestKeys.ApiSecret, BaseUrl = $"http://127.0.0.1:{port}/v1",
            HttpMessageHandler = throttle, GetEnvironmentVariable = _ => null,
        });
        var partsDone = 0;
        var firstPart = new TaskCompletionSource();
        ServiceProcess? restarted = null;
        try
        {
            var first = await ServiceProcess.StartAsync(dataDirectory, port, settings);
            var upload = client.Uploads.UploadFileAsync(file.Path, new UploadFileOptions
            {
                Kind = UploadKind.Asset,
                PartSize = 8 * MiB,
                Concurrency = 2,
                Progress = new LambdaProgress<UploadProgress>(p =>
                {
                    if (p.PartsDone > Volatile.Read(ref partsDone))
                    {
                        Volatile.Write(ref partsDone, p.PartsDone);
                        firstPart.TrySetResult();
                    }
                }),
            }, Ct);

            await firstPart.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            first.Terminate();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(40));
            var exitCode = first.ExitCode;
            var log = first.Output;
            await first.DisposeAsync();
            restarted = await ServiceProcess.StartAsync(dataDirectory, port, settings);
            var done = await upload.WaitAsync(TimeSpan.FromMinutes(3), Ct);

            TestContext.Current.SendDiagnosticMessage($"statuses: {string.Join(", ", throttle.PartStatuses)}; failures: {string.Join(", ", throttle.PartFailures)}");
            Assert.Equal(0, exitCode);
            Assert.Equal(UploadStatus.Imported, done.Status);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.Path))), done.Sha256);
            Assert.DoesNotContain(HttpStatusCode.BadRequest, throttle.PartStatuses);
            Assert.DoesNotContain("Reading is already in progress", log);
            // The restart really fell in the middle: some part was turned away (503) or found no server.
            Assert.True(throttle.PartStatuses.Contains(HttpStatusCode.ServiceUnavailable) || !throttle.PartFailures.IsEmpty,
                $"statuses: {string.Join(", ", throttle.PartStatuses)}");
        }
        finally
        {
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }
            TempDirectory.TryDelete(dataDirectory);
        }
    }
}
