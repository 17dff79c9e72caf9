namespace Scenario.Uploads.Model;

/// <summary>
/// A durable unit of background work (validation and import of one upload). It is created with its
/// upload, becomes runnable when the upload is completed, and is leased by one worker at a time.
/// </summary>
public sealed record JobRecord
{
    public required string Id { get; init; }
    public required string OwnerId { get; init; }
    public required string UploadId { get; init; }
    public required string JobType { get; init; }
    public required string Status { get; init; }
    public required double Progress { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required int Attempts { get; init; }
    public string? MetadataJson { get; init; }
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string? LastError { get; init; }

    /// <summary>What a job of another type than the upload's works for: the API key a webhook delivery goes to.</summary>
    public string? Target { get; init; }
}
