namespace Scenario.Models;

/// <summary>The response of <c>GET /models/{id}</c>.</summary>
public sealed record ModelRetrieveResponse
{
    /// <summary>The model.</summary>
    public required Model Model { get; init; }
}
