using Scenario.Core;
using Scenario.Models;

namespace Scenario.Services;

/// <summary>The models API over HTTP.</summary>
internal sealed class ModelService(ApiTransport transport) : IModelService
{
    public Task<ModelRetrieveResponse> RetrieveAsync(string modelId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return transport.SendAsync<ModelRetrieveResponse>(HttpMethod.Get, "models/" + Uri.EscapeDataString(modelId), null, cancellationToken);
    }
}
