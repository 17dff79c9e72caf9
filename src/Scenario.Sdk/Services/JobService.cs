using Scenario.Core;
using Scenario.Models;

namespace Scenario.Services;

/// <summary>The jobs API over HTTP.</summary>
internal sealed class JobService(ApiTransport transport) : IJobService
{
    public Task<JobRetrieveResponse> RetrieveAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return transport.SendAsync<JobRetrieveResponse>(HttpMethod.Get, "jobs/" + Uri.EscapeDataString(jobId), null, cancellationToken);
    }
}
