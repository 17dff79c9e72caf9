using Scenario.Models;

namespace Scenario.Services;

/// <summary>The assets API: <c>client.Assets</c>.</summary>
public interface IAssetService
{
    /// <summary>Gets a asset (<c>GET /assets/{id}</c>).</summary>
    /// <param name="assetId">The asset id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<AssetRetrieveResponse> RetrieveAsync(string assetId, CancellationToken cancellationToken = default);
}
