using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scenario.Uploads.Server.ApiReference;
using Scenario.Uploads.Server.Health;
using Scenario.Uploads.Server.Http;

namespace Scenario.Uploads.Server.Endpoints;

/// <summary>
/// <c>/healthz</c> (liveness): the process answers, no check runs. <c>/readyz</c> (readiness): the database,
/// the storage, its free space and the job worker, each within <c>Health:CheckTimeout</c>; 503 when one fails.
/// </summary>
/// <remarks>
/// Minimal-API GETs over <see cref="HealthCheckService"/> rather than <c>MapHealthChecks</c>: the same checks, with
/// their timeouts, but endpoints the OpenAPI document describes (a POST to a probe stays a 405).
/// </remarks>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGetAndHead("/healthz", (HttpContext context, HealthCheckService health) => AnswerAsync(context, health, _ => false, HealthReportWriter.WriteLivenessAsync))
            .AllowAnonymous().WithName(OperationIds.Liveness);
        routes.MapGetAndHead("/readyz", (HttpContext context, HealthCheckService health) =>
                AnswerAsync(context, health, check => check.Tags.Contains(HealthRegistration.ReadyTag), HealthReportWriter.WriteReadinessAsync))
            .AllowAnonymous().WithName(OperationIds.Readiness);
    }

    private static async Task AnswerAsync(
        HttpContext context, HealthCheckService health, Func<HealthCheckRegistration, bool> predicate, Func<HttpContext, HealthReport, Task> write)
    {
        var report = await health.CheckHealthAsync(predicate, context.RequestAborted);
        // As MapHealthChecks answers: degraded still serves traffic, unhealthy does not.
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store, no-cache";
        await write(context, report);
    }
}
