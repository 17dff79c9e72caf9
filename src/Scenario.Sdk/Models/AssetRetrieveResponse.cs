namespace Scenario.Models;

/// <summary>The response of <c>GET /assets/{id}</c>.</summary>
public sealed record AssetRetrieveResponse
{
    /// <summary>The asset.</summary>
    public required Asset Asset { get; init; }
}
