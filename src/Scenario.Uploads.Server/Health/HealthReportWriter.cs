using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scenario.Uploads.Server.Health;

/// <summary>
/// The bodies of <c>/healthz</c> and <c>/readyz</c>. Only each check's status, duration and our own
/// description are written, never an exception's message: a driver's may name a host, a user or worse.
/// The framework logs a failing check with its exception (HealthCheckService's own logger).
/// </summary>
internal static class HealthReportWriter
{
    /// <summary><c>{"status":"alive"}</c>, which scripts wait for: liveness runs no check, answering is the proof.</summary>
    public static Task WriteLivenessAsync(HttpContext context, HealthReport report) =>
        WriteAsync(context, json => json.WriteString("status", "alive"));

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
            // Omitted rather than null, as everywhere on the API.
            if (Description(entry) is { } description)
            {
                json.WriteString("description", description);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    });

    // A check that threw gets the exception's message as its description from the framework: never shown.
    private static string? Description(HealthReportEntry entry) => entry.Exception switch
    {
        null => entry.Description,
        OperationCanceledException => "The check did not answer within Health:CheckTimeout.",
        var e => $"The check failed ({e.GetType().Name}); the service's log has the details.",
    };

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
