using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scenario.Testing;
using Scenario.Testing.Hubs;

namespace Scenario.Uploads.Server.Tests.Telemetry;

/// <summary>
/// Telemetry:Otlp:Endpoint: spans go to an OpenTelemetry collector (a loopback stand-in taking OTLP/HTTP), in
/// the client's trace, the repository calls beneath the request's own span.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task A_create_is_exported_as_spans_in_the_trace_the_client_sent()
    {
        var bodies = new ConcurrentQueue<byte[]>();
        await using var collector = await StandInServer.StartAsync((app, _) =>
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                bodies.Enqueue(body.ToArray());
                // An empty protobuf message is an ExportServiceResponse that accepted everything.
                return Results.Bytes([], "application/x-protobuf");
            }));
        var dataDirectory = TempDirectory.Create();
        try
        {
            var settings = await TestBackend.CreateSettingsAsync();
            settings["Telemetry:Otlp:Endpoint"] = collector.Origin;
            settings["Telemetry:Otlp:Protocol"] = "http/protobuf";
            // The batch exporter's own setting (read from the configuration): send within a moment, not 5 s.
            settings["OTEL_BSP_SCHEDULE_DELAY"] = "100";
            await using var service = await ServiceProcess.StartAsync(dataDirectory, FreePort.Next(), settings);
            using var api = new UploadApi(service);
            var traceId = RandomNumberGenerator.GetBytes(16);
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/uploads")
            {
                Content = new StringContent("""{"fileName":"traced.png","contentType":"image/png","fileSize":100,"parts":1,"kind":"image"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("traceparent", OutsideClient.Traceparent(traceId));

            using var client = OutsideClient.Create(api.Client.BaseAddress!, api.Client.DefaultRequestHeaders.Authorization);
            using var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

            var exported = await ExportedAsync(bodies, traceId, "upload create", "db IUploadRepository.CreateAsync", "POST /v1/uploads/");
            Assert.True(exported.Contains(traceId), "No exported span carries the client's trace id.");
            Assert.True(exported.Contains("upload create"u8), "The create's own span was not exported.");
            Assert.True(exported.Contains("db IUploadRepository.CreateAsync"u8), "The repository call's span was not exported.");
            Assert.True(exported.Contains("scenario-uploads"u8), "The resource's service.name was not exported.");
            Assert.Contains(collector.Requests, r => r.Path == "/v1/traces");
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    /// <summary>Every byte exported so far, once it holds all of <paramref name="names"/> (or after 30 s).</summary>
    private static async Task<ExportedBytes> ExportedAsync(ConcurrentQueue<byte[]> bodies, byte[] traceId, params string[] names)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var all = new ExportedBytes([.. bodies.SelectMany(b => b)]);
            if ((all.Contains(traceId) && names.All(n => all.Contains(Encoding.UTF8.GetBytes(n)))) || DateTime.UtcNow > deadline)
            {
                return all;
            }
            await Task.Delay(100);
        }
    }

    private sealed record ExportedBytes(byte[] Bytes)
    {
        public bool Contains(ReadOnlySpan<byte> value) => Bytes.AsSpan().IndexOf(value) >= 0;
    }
}
