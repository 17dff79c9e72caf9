using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Uploads;

namespace Scenario.Uploads.Server.Health;

/// <summary>
/// Local storage keeps <c>Health:MinFreeSpace</c> free: an instance whose disk is full refuses every create
/// (507), so a load balancer should send uploads elsewhere. On S3 the store's space is not ours to measure.
/// </summary>
internal sealed class FreeSpaceHealthCheck(StorageSpace space, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var least = options.Value.MinFreeSpace;
        if (!space.HasRoomFor(least, out var available))
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"{available} bytes are free on local storage, fewer than Health:MinFreeSpace ({least})."));
        }
        return Task.FromResult(HealthCheckResult.Healthy(available == long.MaxValue
            ? "The object store's space is not measured."
            : $"{available} bytes are free on local storage."));
    }
}
