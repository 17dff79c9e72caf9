using Scenario.Core;
using Scenario.Models;

namespace Scenario.Services;

/// <summary>The assets API over HTTP.</summary>
internal sealed class AssetService(ApiTransport transport) : IAssetService
{
    public Task<AssetRetrieveResponse> RetrieveAsync(string assetId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assetId);
        return transport.SendAsync<AssetRetrieveResponse>(HttpMethod.Get, "assets/" + Uri.EscapeDataString(assetId), null, cancellationToken);
    }
}
