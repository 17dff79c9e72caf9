using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Telemetry;

/// <summary>
/// The console log is JSON, one object a line, and each request is one line at Information with its method,
/// route template, status, duration and owner, and never a credential or a signed URL's signature.
/// </summary>
public sealed class RequestLogTests(TelemetryProcess service) : IClassFixture<TelemetryProcess>
{
    [Fact]
    public async Task Each_request_is_one_json_line_with_its_route_status_and_owner_and_no_secret()
    {
        var api = service.Api;
        var bytes = TestFiles.Png();
        var upload = await api.CreateFor(bytes, "image", "logged.png", "image/png");
        var partUrl = upload.Parts[0].Url!;
        await api.PutPartsAsync(upload, bytes);
        await api.RetrieveAsync(upload.Id);

        var lines = await RequestLinesAsync(expected: TestBackend.PartsGoThroughService ? 3 : 2);

        var create = Assert.Single(lines, l => State(l, "Route") == "/v1/uploads/" && State(l, "Method") == "POST");
        Assert.Equal("Information", create.GetProperty("LogLevel").GetString());
        Assert.Equal(200, create.GetProperty("State").GetProperty("Status").GetInt32());
        Assert.Equal(TestKeys.OwnerId, State(create, "OwnerId"));
        Assert.True(create.GetProperty("State").GetProperty("DurationMs").GetDouble() >= 0);
        Assert.True(DateTimeOffset.TryParse(create.GetProperty("Timestamp").GetString(), out _), create.ToString());
        var scopes = create.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var t) && t.GetString()!.Length == 32);
        Assert.Contains(scopes, s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("SpanId", out var t) && t.GetString()!.Length == 16);
        Assert.Single(lines, l => State(l, "Route") == "/v1/uploads/{uploadId}" && State(l, "Method") == "GET");
        if (TestBackend.PartsGoThroughService)
        {
            var part = Assert.Single(lines, l => State(l, "Route") == "/v1/uploads/{uploadId}/parts/{partNumber}");
            Assert.Equal(("PUT", 200, "(anonymous)"), (State(part, "Method"), part.GetProperty("State").GetProperty("Status").GetInt32(), State(part, "OwnerId")));
        }

        var log = service.Service.Output;
        // The service's own signed URL (signature=) or S3's presigned one (X-Amz-Signature=).
        var signature = new Uri(partUrl).Query.TrimStart('?').Split('&').Single(q => q.Split('=')[0].EndsWith("signature", StringComparison.OrdinalIgnoreCase)).Split('=')[1];
        Assert.DoesNotContain(TestKeys.ApiSecret, log);
        Assert.DoesNotContain(signature, log);
        Assert.DoesNotContain("Basic ", log);
        Assert.DoesNotContain("Authorization", log, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_startup_banner_says_where_metrics_are_and_how_logs_are_written() =>
        // Plain lines before the JSON ones: an operator reads them once, at start.
        Assert.Contains("telemetry       metrics at /metrics, json logs, traces not exported", service.Service.Output);

    /// <summary>Every request line so far; polled, since the process writes its log a moment after the answer.</summary>
    private async Task<List<JsonElement>> RequestLinesAsync(int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var lines = service.Service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.StartsWith('{'))
                .Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .Where(l => l.GetProperty("Category").GetString() == "Scenario.Uploads.Requests")
                .Where(l => State(l, "Route") != "/readyz")
                .ToList();
            if (lines.Count >= expected || DateTime.UtcNow > deadline)
            {
                return lines;
            }
            await Task.Delay(50);
        }
    }

    private static string? State(JsonElement line, string name) =>
        line.GetProperty("State").TryGetProperty(name, out var value) ? value.GetString() : null;
}
