using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Resilience;

/// <summary>
/// Spec (ours): on SIGTERM the service stops taking new parts and lets those in flight finish within
/// Uploads:ShutdownTimeout; a part the shutdown cuts off is never recorded, and never blamed on the client.
/// </summary>
public sealed class ShutdownPartTests
{
    private const int MiB = 1024 * 1024;

    private static async Task<(ServiceHost Host, UploadApi Api, byte[] Bytes, string Id, string Url)> StartWithUploadAsync(string shutdownTimeout)
    {
        var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Uploads:ShutdownTimeout"] = shutdownTimeout },
        });
        var api = new UploadApi(host);
        var bytes = UploadFlowTests.RandomBytes(12 * MiB, seed: 71);
        var upload = await api.CreateFor(bytes, "asset", "deploy.bin", "application/octet-stream", parts: 2);
        return (host, api, bytes, upload.Id, upload.Parts[0].Url!);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_part_in_flight_when_the_service_stops_is_finished_and_stored()
    {
        var (host, api, bytes, id, url) = await StartWithUploadAsync("00:00:20");
        await using (host)
        using (api)
        {
            await using var part = await RawHttp.OpenPutAsync(url, 6 * MiB);
            await part.WriteAsync(bytes.AsMemory(0, 2 * MiB));
            await Task.Delay(200);

            var stopping = host.StopAsync();
            await Task.Delay(500);
            await part.WriteAsync(bytes.AsMemory(2 * MiB, 4 * MiB));
            var answer = await part.ReadAnswerAsync(TimeSpan.FromSeconds(20));
            await stopping;
            await host.StartAgainAsync();

            Assert.NotNull(answer);
            Assert.True(answer.Status == 200, answer.Text);
            Assert.True((await api.RetrieveAsync(id)).Parts[0].Uploaded);
        }
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_part_still_arriving_when_the_shutdown_timeout_ends_is_not_recorded_nor_blamed_on_the_client()
    {
        var (host, api, bytes, id, url) = await StartWithUploadAsync("00:00:01");
        await using (host)
        using (api)
        {
            await using var part = await RawHttp.OpenPutAsync(url, 6 * MiB);
            await part.WriteAsync(bytes.AsMemory(0, 2 * MiB));
            await Task.Delay(200);

            await host.StopAsync();
            var answer = await part.ReadAnswerAsync(TimeSpan.FromSeconds(5));
            await host.StartAgainAsync();

            // Cut off: either no answer at all (a connection error, which clients retry) or a retryable 503.
            Assert.True(answer is null || answer.Status == 503, answer?.Text);
            Assert.False((await api.RetrieveAsync(id)).Parts[0].Uploaded);
        }
    }
}
