namespace Scenario.Uploads.Model;

/// <summary>An upload as the service stores it: the reference's fields plus what the service needs to run it.</summary>
public sealed record UploadRecord
{
    public required string Id { get; init; }
    public required string OwnerId { get; init; }
    public required string AuthorId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string FileName { get; init; }
    public required string Kind { get; init; }
    public required string Source { get; init; }
    public required string Status { get; init; }
    public required string JobId { get; init; }
    /// <summary>Where the bytes live in the blob store.</summary>
    public required string StorageKey { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public AssetOptions? AssetOptions { get; init; }
    /// <summary>The <c>config</c> object of the reference, as JSON text.</summary>
    public string? ConfigJson { get; init; }
    public string? ContentType { get; init; }
    public string? EntityId { get; init; }
    public string? ErrorMessage { get; init; }
    public long? FileSize { get; init; }
    public string? OriginalFileName { get; init; }
    public int? PartsCount { get; init; }
    public long? PartSize { get; init; }
    public string? Provider { get; init; }
    public string? Url { get; init; }
    /// <summary>Model name or model URL for the two model hubs; kept apart from <see cref="Url"/>.</summary>
    public string? SourceReference { get; init; }
    /// <summary>An id the blob store gave the upload (an S3 multipart upload id); null on local disk.</summary>
    public string? StorageUploadId { get; init; }
    public string? Sha256 { get; init; }
    /// <summary>What validation learnt of the file (format, dimensions, …), as JSON text.</summary>
    public string? InspectionJson { get; init; }
    /// <summary>True once the bytes of a failed upload are gone, so the sweeper stops trying.</summary>
    public bool BytesDeleted { get; init; }
    /// <summary>
    /// The resumable protocol that appends the upload's bytes (<see cref="UploadProtocols"/>); null for the API's
    /// own parts. Such an upload takes no part PUT and no complete action: its last byte completes it.
    /// </summary>
    public string? Protocol { get; init; }

    public PartPlan? Plan => FileSize is { } size && PartsCount is { } count && PartSize is { } partSize
        ? new PartPlan(size, count, partSize)
        : null;
}

/// <summary>The reference's <c>assetOptions</c>.</summary>
public sealed record AssetOptions(IReadOnlyList<string>? CollectionIds, bool? Hide, string? ParentId);

/// <summary>A part the service holds, with what the client needs to resume.</summary>
public sealed record PartRecord(int Number, long Size, string ETag, DateTimeOffset UploadedAt);
