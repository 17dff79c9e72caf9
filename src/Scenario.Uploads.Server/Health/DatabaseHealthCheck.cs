using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scenario.Uploads.Persistence;

namespace Scenario.Uploads.Server.Health;

/// <summary>The database answers and holds our schema.</summary>
internal sealed class DatabaseHealthCheck(IDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await database.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The database answers.")
            : new HealthCheckResult(context.Registration.FailureStatus, "The database does not answer, or has no schema.");
}
