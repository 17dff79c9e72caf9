using Scenario.Uploads.Model;

namespace Scenario.Uploads.Persistence.Rows;

/// <summary>The jobs table as Dapper reads it, for every database.</summary>
internal sealed class JobRow
{
    public string Id { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string UploadId { get; set; } = "";
    public string JobType { get; set; } = "";
    public string Status { get; set; } = "";
    public double Progress { get; set; }
    public string? Metadata { get; set; }
    public long Attempts { get; set; }
    public string? LeaseOwner { get; set; }
    public long? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public string? Target { get; set; }

    public JobRecord ToRecord() => new()
    {
        Id = Id,
        OwnerId = OwnerId,
        UploadId = UploadId,
        JobType = JobType,
        Status = Status,
        Progress = Progress,
        MetadataJson = Metadata,
        Attempts = (int)Attempts,
        LeaseOwner = LeaseOwner,
        LeaseUntil = UnixTime.At(LeaseUntil),
        LastError = LastError,
        CreatedAt = UnixTime.At(CreatedAt),
        UpdatedAt = UnixTime.At(UpdatedAt),
        Target = Target,
    };
}
