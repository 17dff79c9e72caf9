namespace Scenario.Models;

/// <summary>The body of <c>POST /uploads/{uploadId}/action</c>.</summary>
public sealed record UploadTriggerActionParams
{
    /// <summary>The action to perform.</summary>
    public required UploadAction Action { get; init; }
}
