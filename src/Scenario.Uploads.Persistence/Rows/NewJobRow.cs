using Scenario.Uploads.Model;

namespace Scenario.Uploads.Persistence.Rows;

/// <summary>A job as created with its upload: the values of <see cref="Insert"/>.</summary>
internal sealed class NewJobRow
{
    public const string Insert = """
        INSERT INTO jobs (id, owner_id, upload_id, job_type, status, progress, metadata, attempts, runnable, not_before, created_at, updated_at)
        VALUES (@Id, @OwnerId, @UploadId, @JobType, @Status, @Progress, @Metadata, 0, @Runnable, @Created, @Created, @Created);
        """;

    public string Id { get; init; } = "";
    public string OwnerId { get; init; } = "";
    public string UploadId { get; init; } = "";
    public string JobType { get; init; } = "";
    public string Status { get; init; } = "";
    public double Progress { get; init; }
    public string? Metadata { get; init; }
    public long Runnable { get; init; }
    public long Created { get; init; }

    private static readonly string[] ParameterNames = ["@Id", "@OwnerId", "@UploadId", "@JobType", "@Status", "@Progress", "@Metadata", "@Runnable", "@Created"];

    /// <summary>This row's values for <see cref="Insert"/>, by position.</summary>
    public Sql.PositionalParameters Positional() =>
        new(ParameterNames, [Id, OwnerId, UploadId, JobType, Status, Progress, Metadata, Runnable, Created]);

    /// <param name="runnable">A multipart upload's job waits for the complete action; an import's runs at once.</param>
    public static NewJobRow From(JobRecord job, bool runnable) => new()
    {
        Id = job.Id,
        OwnerId = job.OwnerId,
        UploadId = job.UploadId,
        JobType = job.JobType,
        Status = job.Status,
        Progress = job.Progress,
        Metadata = job.MetadataJson,
        Runnable = runnable ? 1 : 0,
        Created = UnixTime.Ms(job.CreatedAt),
    };
}
