using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Jobs;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Health;

/// <summary>The job worker's loop went round within <c>Health:WorkerStalledAfterPolls</c> × <c>Jobs:PollInterval</c>.</summary>
internal sealed class JobWorkerHealthCheck(WorkerHeartbeat heartbeat, IOptions<JobsOptions> jobs, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var since = heartbeat.SinceLastBeat;
        var limit = jobs.Value.PollInterval * options.Value.WorkerStalledAfterPolls;
        return Task.FromResult(since <= limit
            ? HealthCheckResult.Healthy($"The job worker looped {since.TotalSeconds:0.###} s ago.")
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"The job worker has not looped for {since.TotalSeconds:0.###} s (more than {limit.TotalSeconds:0.###} s): uploads are not being validated."));
    }
}
