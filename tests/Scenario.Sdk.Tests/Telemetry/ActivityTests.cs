using System.Diagnostics;
using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Sdk.Tests.EndToEnd;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Telemetry;
using Scenario.Testing;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests.Telemetry;

/// <summary>The SDK's activities, seen by an <see cref="ActivityListener"/> as OpenTelemetry would see them.</summary>
public sealed class ActivityTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const long MiB = 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_to_the_service_has_an_activity_per_request_and_per_part_with_their_tags()
    {
        using var capture = new ActivityCapture();
        using var client = service.Client();
        using var file = new TempPath();
        var plan = PartPlanner.Plan((10 * MiB) + 123, 5 * MiB);
        TestFiles.WriteLargeFile(file.Path, plan.FileSize, seed: 7);

        var upload = await client.Uploads.UploadFileAsync(file.Path, new UploadFileOptions { Kind = UploadKind.Asset, PartSize = 5 * MiB }, Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        var requests = capture.Named(ScenarioTelemetry.RequestActivity);
        var create = Assert.Single(requests, a => (string?)a.GetTagItem("http.request.method") == "POST" && (string?)a.GetTagItem("url.path") == "/v1/uploads");
        Assert.Equal(200, create.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityKind.Client, create.Kind);
        Assert.Equal(capture.RootSpanId, create.ParentSpanId);
        Assert.Contains(requests, a => (string?)a.GetTagItem("url.path") == $"/v1/uploads/{upload.Id}/action");
        var parts = capture.Named(ScenarioTelemetry.PartActivity).OrderBy(a => (int)a.GetTagItem("scenario.part.number")!).ToList();
        Assert.Equal([1, 2], parts.Select(a => (int)a.GetTagItem("scenario.part.number")!));
        Assert.Equal([plan.SizeOf(1), plan.SizeOf(2)], parts.Select(a => (long)a.GetTagItem("scenario.part.bytes")!));
        Assert.All(parts, part =>
        {
            Assert.Equal(upload.Id, part.GetTagItem("scenario.upload.id"));
            Assert.Equal(200, part.GetTagItem("http.response.status_code"));
            Assert.Equal("PUT", part.GetTagItem("http.request.method"));
            Assert.Equal(ActivityStatusCode.Unset, part.Status);
            Assert.Equal(capture.RootSpanId, part.ParentSpanId);
        });
        Assert.Empty(capture.Named(ScenarioTelemetry.RetryActivity));
    }

    [Fact]
    public async Task Each_retry_is_an_activity_under_its_request_or_part_with_reason_delay_and_status()
    {
        await using var standIn = await UploadApiStandIn.StartAsync(createFailures: 1, partFailures: 1);
        using var capture = new ActivityCapture();
        using var client = StandInClient(standIn);
        using var content = new MemoryStream(new byte[1000]);

        await client.Uploads.UploadFileAsync(content, new UploadFileOptions { Kind = UploadKind.Asset, FileName = "f.bin" }, Ct);

        var create = Assert.Single(capture.Named(ScenarioTelemetry.RequestActivity), a => (string?)a.GetTagItem("url.path") == "/v1/uploads");
        var part = Assert.Single(capture.Named(ScenarioTelemetry.PartActivity));
        var retries = capture.Named(ScenarioTelemetry.RetryActivity);
        Assert.Equal(2, retries.Count);
        foreach (var owner in new[] { create, part })
        {
            var retry = Assert.Single(retries, r => r.ParentSpanId == owner.SpanId);
            Assert.Equal(1, retry.GetTagItem("scenario.retry.attempt"));
            Assert.Equal("HTTP 503 service_unavailable", retry.GetTagItem("scenario.retry.reason"));
            Assert.Equal(0L, retry.GetTagItem("scenario.retry.delay_ms"));
            Assert.Equal(200, retry.GetTagItem("http.response.status_code"));
            Assert.Equal(1, owner.GetTagItem("scenario.retries"));
            Assert.Equal(200, owner.GetTagItem("http.response.status_code"));
        }
        Assert.Equal("upl_standin", part.GetTagItem("scenario.upload.id"));
        Assert.Equal(1000L, part.GetTagItem("scenario.part.bytes"));
    }

    [Fact]
    public async Task A_request_that_fails_ends_its_activity_with_an_error()
    {
        await using var standIn = await UploadApiStandIn.StartAsync();
        using var capture = new ActivityCapture();
        using var client = StandInClient(standIn, maxRetries: 1);

        await Assert.ThrowsAsync<InternalServerException>(() => client.Uploads.RetrieveAsync("upl_down", Ct));

        var request = Assert.Single(capture.Named(ScenarioTelemetry.RequestActivity));
        Assert.Equal(ActivityStatusCode.Error, request.Status);
        Assert.Equal("503", request.GetTagItem("error.type"));
        Assert.Equal(503, request.GetTagItem("http.response.status_code"));
        Assert.Equal(1, request.GetTagItem("scenario.retries"));
        Assert.Equal(503, Assert.Single(capture.Named(ScenarioTelemetry.RetryActivity)).GetTagItem("http.response.status_code"));
    }

    private static ScenarioClient StandInClient(UploadApiStandIn standIn, int? maxRetries = null) => new(new ScenarioClientOptions
    {
        ApiKey = "key",
        ApiSecret = "secret",
        BaseUrl = standIn.ApiBaseUrl,
        MaxRetries = maxRetries,
        GetEnvironmentVariable = _ => null,
    });
}
