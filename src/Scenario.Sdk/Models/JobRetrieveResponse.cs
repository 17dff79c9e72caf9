namespace Scenario.Models;

/// <summary>The response of <c>GET /jobs/{id}</c>.</summary>
public sealed record JobRetrieveResponse
{
    /// <summary>The job.</summary>
    public required Job Job { get; init; }
}
