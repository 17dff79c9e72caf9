using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>A claim of one job, made as the worker makes its claims (<see cref="IJobQueue.ClaimAsync"/>).</summary>
public static class JobClaims
{
    public static async Task<JobRecord?> ClaimOneAsync(this IJobQueue jobs, string workerId, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await jobs.ClaimAsync(workerId, lease, now, 1, cancellationToken)).SingleOrDefault();
}
