using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scenario.Uploads.Server.Health;

/// <summary>
/// The bodies of <c>/healthz</c> and <c>/readyz</c>. Only each check's status, duration and our own
/// description are written, never an exception's message: a driver's may name a host, a user or worse.
/// </summary>
internal static class HealthReportWriter
{
    /// <summary><c>{"status":"alive"}</c>: scripts wait for exactly this.</summary>
    public static Task WriteLivenessAsync(HttpContext context, HealthReport report) =>
        WriteAsync(context, json => json.WriteString("status", report.Status == HealthStatus.Unhealthy ? "dead" : "alive"));

    public static Task WriteReadinessAsync(HttpContext context, HealthReport report) => WriteAsync(context, json =>
    {
        json.WriteString("status", report.Status == HealthStatus.Unhealthy ? "not-ready" : "ready");
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 3));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", StatusName(entry.Status));
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 3));
            json.WriteString("description", entry.Description);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    });

    private static string StatusName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
