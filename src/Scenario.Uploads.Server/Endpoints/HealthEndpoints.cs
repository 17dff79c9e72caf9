using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Scenario.Uploads.Server.Health;
using Scenario.Uploads.Server.ApiReference;

namespace Scenario.Uploads.Server.Endpoints;

/// <summary>
/// <c>/healthz</c> (liveness): the process answers, no check runs. <c>/readyz</c> (readiness): the database,
/// the storage, its free space and the job worker, each within <c>Health:CheckTimeout</c>; 503 when one fails.
/// </summary>
public static class HealthEndpoints
{
    // MapHealthChecks answers every method; a POST to a probe is the client's mistake (405), as before.
    private static readonly HttpMethodMetadata GetOrHead = new(["GET", "HEAD"]);

    public static void MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthReportWriter.WriteLivenessAsync,
        }).WithMetadata(GetOrHead).AllowAnonymous().WithName(OperationIds.Liveness);
        routes.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthRegistration.ReadyTag),
            ResponseWriter = HealthReportWriter.WriteReadinessAsync,
        }).WithMetadata(GetOrHead).AllowAnonymous().WithName(OperationIds.Readiness);
    }
}
