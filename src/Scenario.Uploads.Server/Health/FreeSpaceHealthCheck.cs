using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Uploads;

namespace Scenario.Uploads.Server.Health;

/// <summary>
/// Local storage keeps <c>Health:MinFreeSpace</c> free for uploads beyond <c>Storage:ReservedSpace</c>: an
/// instance whose disk is full refuses every create (507), so a load balancer should send uploads elsewhere.
/// It is ready again by itself once space is freed. On S3 the store's space is not ours to measure.
/// </summary>
internal sealed class FreeSpaceHealthCheck(StorageSpace space, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var least = options.Value.MinFreeSpace;
        var reserve = space.Reserve;
        if (!space.HasRoomFor(least, out var available))
        {
            var ballast = reserve.BallastSize > 0 && reserve.Held == 0 ? " The disk filled up: the reserve's ballast file was given up so the database can still write." : "";
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"{available} bytes are free for uploads on local storage beyond the reserve (Storage:ReservedSpace, {reserve.Size}), fewer than Health:MinFreeSpace ({least}).{ballast}"));
        }
        return Task.FromResult(HealthCheckResult.Healthy(available == long.MaxValue
            ? "The object store's space is not measured."
            : $"{available} bytes are free for uploads on local storage beyond the reserve ({reserve.Size})."));
    }
}
