using System.ComponentModel;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>The action body under the reference's name, for the document only (the endpoint reads the body itself).</summary>
public sealed record UploadTriggerActionParams
{
    [Description("The action to perform on an upload: `complete` (the reference's; `upload-complete` is read the same), or `abort` (our extension).")]
    public required string Action { get; init; }
}
