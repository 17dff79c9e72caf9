using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Health;

/// <summary>The blob store takes a write (local disk) or a listing (S3).</summary>
internal sealed class StorageHealthCheck(IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await blobs.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The storage answers.")
            : new HealthCheckResult(context.Registration.FailureStatus, "The storage does not answer.");
}
