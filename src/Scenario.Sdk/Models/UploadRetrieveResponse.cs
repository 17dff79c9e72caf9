namespace Scenario.Models;

/// <summary>The response of <c>uploads.retrieve</c>.</summary>
public sealed record UploadRetrieveResponse
{
    /// <summary>The upload.</summary>
    public required Upload Upload { get; init; }
}
