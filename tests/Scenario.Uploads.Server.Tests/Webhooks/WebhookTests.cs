using System.Text.Json;
using System.Text.Json.Nodes;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Webhooks;

/// <summary>
/// Webhooks to a loopback receiver (imports' private-network allowance on), on whichever backend the run uses:
/// signed, the API's own upload in the body, retried until a 2xx, and not lost to a restart.
/// </summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task An_imported_upload_is_one_signed_POST_whose_body_is_the_upload_as_the_API_shows_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver.Settings(TestKeys.ApiKey));
        using var api = new UploadApi(host);
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor("asset");

        var done = await api.UploadAsync(bytes, "asset", fileName, contentType);
        var deliveries = await receiver.WaitForAsync(1);
        var id = done.Id;
        await WaitForDeliveryEndAsync(host, id);

        var delivery = Assert.Single(deliveries);
        Assert.True(delivery.SignatureVerifies(WebhookReceiver.Secret), delivery.Signature);
        Assert.False(delivery.SignatureVerifies("another-secret-0123456789"));
        Assert.StartsWith("application/json", delivery.ContentType);
        var body = JsonNode.Parse(delivery.Body)!;
        Assert.Equal("upload.imported", body["type"]!.GetValue<string>());
        Assert.StartsWith("evt_", body["id"]!.GetValue<string>());
        Assert.Equal(body["id"]!.GetValue<string>(), delivery.EventId);
        Assert.True(DateTimeOffset.TryParse(body["createdAt"]!.GetValue<string>(), out _));
        var shown = JsonNode.Parse((await api.RetrieveAsync(id)).Json.GetRawText());
        Assert.True(JsonNode.DeepEquals(shown, body["data"]!["upload"]), $"webhook: {body["data"]!["upload"]}\nAPI: {shown}");
        Assert.Single(receiver.Deliveries);
    }

    [Fact]
    public async Task An_upload_that_fails_validation_is_an_upload_failed_event_and_another_owner_hears_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var other = await WebhookReceiver.StartAsync();
        var settings = receiver.Settings(TestKeys.ApiKey);
        settings[$"Webhooks:Keys:{TestKeys.OtherApiKey}:Url"] = other.Url;
        settings[$"Webhooks:Keys:{TestKeys.OtherApiKey}:Secret"] = WebhookReceiver.Secret;
        await using var host = await StartAsync(settings);
        using var api = new UploadApi(host);
        var notAnImage = "this is plain text, not a PNG"u8.ToArray();

        var done = await api.UploadAsync(notAnImage, "image", "fake.png", "image/png");
        Assert.Equal("failed", done.Status);
        var delivery = Assert.Single(await receiver.WaitForAsync(1));
        await WaitForDeliveryEndAsync(host, done.Id);

        var body = JsonNode.Parse(delivery.Body)!;
        Assert.Equal("upload.failed", body["type"]!.GetValue<string>());
        Assert.Equal("failed", body["data"]!["upload"]!["status"]!.GetValue<string>());
        Assert.Equal(done.ErrorMessage, body["data"]!["upload"]!["errorMessage"]!.GetValue<string>());
        Assert.True(delivery.SignatureVerifies(WebhookReceiver.Secret));
        Assert.Empty(other.Deliveries);
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_three_attempts_of_the_same_event_and_accepts_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n <= 2 ? 500 : 200;
        await using var host = await StartAsync(receiver.Settings(TestKeys.ApiKey));
        using var api = new UploadApi(host);
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor("asset");

        var done = await api.UploadAsync(bytes, "asset", fileName, contentType);
        var deliveries = await receiver.WaitForAsync(1, d => d.Accepted);
        var (status, attempts) = await WaitForDeliveryEndAsync(host, done.Id);

        Assert.Equal([500, 500, 200], deliveries.Select(d => d.Status));
        Assert.Single(deliveries.Select(d => d.EventId).Distinct());
        Assert.All(deliveries, d => Assert.True(d.SignatureVerifies(WebhookReceiver.Secret)));
        Assert.Equal(("success", 3L), (status, attempts));
    }

    [Fact]
    public async Task A_delivery_survives_a_restart_between_attempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var accepting = false;
        receiver.Answer = _ => Volatile.Read(ref accepting) ? 200 : 503;
        var settings = receiver.Settings(TestKeys.ApiKey);
        settings["Webhooks:FirstRetryDelay"] = "00:00:01";
        await using var host = await StartAsync(settings);
        using var api = new UploadApi(host);
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor("asset");
        var done = await api.UploadAsync(bytes, "asset", fileName, contentType);
        await receiver.WaitForAsync(1);

        await host.StopAsync();
        Volatile.Write(ref accepting, true);
        await host.StartAgainAsync();
        var deliveries = await receiver.WaitForAsync(1, d => d.Accepted);
        var (status, _) = await WaitForDeliveryEndAsync(host, done.Id);

        Assert.Equal(503, deliveries[0].Status);
        Assert.Single(deliveries, d => d.Accepted);
        Assert.Single(deliveries.Select(d => d.EventId).Distinct());
        Assert.Equal("success", status);
    }

    private static async Task<ServiceHost> StartAsync(Dictionary<string, string> settings)
    {
        settings["Jobs:PollInterval"] = "00:00:00.100";
        return await ServiceHost.StartAsync(new ServiceHostOptions { Settings = settings });
    }

    /// <summary>The delivery job's end as committed (the receiver sees the POST a moment before the worker records it).</summary>
    private static async Task<(string Status, long Attempts)> WaitForDeliveryEndAsync(ServiceHost host, string uploadId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (status, attempts) = await BackendSql.SingleAsync<(string, long)>(host.DataDirectory, Backend(host),
                "SELECT status, attempts FROM jobs WHERE upload_id = @uploadId AND job_type = 'webhook'", new { uploadId });
            if (status is not ("queued" or "in-progress") || DateTime.UtcNow > deadline)
            {
                return (status, attempts);
            }
            await Task.Delay(50);
        }
    }

    private static IReadOnlyDictionary<string, string> Backend(ServiceHost host) => host.Settings;
}
