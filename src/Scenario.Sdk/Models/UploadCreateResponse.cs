namespace Scenario.Models;

/// <summary>The response of <c>uploads.create</c>.</summary>
public sealed record UploadCreateResponse
{
    /// <summary>The upload.</summary>
    public required Upload Upload { get; init; }
}
