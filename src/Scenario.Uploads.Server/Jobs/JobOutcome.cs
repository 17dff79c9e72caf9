using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Jobs;

/// <summary>How a job ended, as its worker writes it: the status and the metadata clients read.</summary>
public sealed record JobOutcome(string Status, string? MetadataJson)
{
    /// <summary>Success when the upload was imported, failure otherwise, with what the upload came to.</summary>
    public static JobOutcome Of(UploadRecord upload) =>
        new(upload.Status == UploadStatuses.Imported ? JobStatuses.Success : JobStatuses.Failure, JobMetadata.For(upload));
}
