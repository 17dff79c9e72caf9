using Scenario.Models;

namespace Scenario.Services;

/// <summary>The models API: <c>client.Models</c>.</summary>
public interface IModelService
{
    /// <summary>Gets a model (<c>GET /models/{id}</c>).</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<ModelRetrieveResponse> RetrieveAsync(string modelId, CancellationToken cancellationToken = default);
}
