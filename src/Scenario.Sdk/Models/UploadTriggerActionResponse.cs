namespace Scenario.Models;

/// <summary>The response of <c>uploads.triggerAction</c>.</summary>
public sealed record UploadTriggerActionResponse
{
    /// <summary>The upload.</summary>
    public required Upload Upload { get; init; }
}
