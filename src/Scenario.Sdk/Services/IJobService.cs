using Scenario.Models;

namespace Scenario.Services;

/// <summary>The jobs API: <c>client.Jobs</c>.</summary>
public interface IJobService
{
    /// <summary>Gets a job (<c>GET /jobs/{id}</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<JobRetrieveResponse> RetrieveAsync(string jobId, CancellationToken cancellationToken = default);
}
