namespace Scenario.Uploads.Model;

/// <summary>An asset created from an imported upload (every kind but model).</summary>
public sealed record AssetRecord
{
    public required string Id { get; init; }
    public required string OwnerId { get; init; }
    public required string AuthorId { get; init; }
    public required string UploadId { get; init; }
    public required string Kind { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required long FileSize { get; init; }
    public required string Sha256 { get; init; }
    public required string StorageKey { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<string> CollectionIds { get; init; } = [];
    public bool Hidden { get; init; }
    public string? ParentId { get; init; }
    public string? MetadataJson { get; init; }
}

/// <summary>A model created from an imported upload of kind model.</summary>
public sealed record ModelRecord
{
    public required string Id { get; init; }
    public required string OwnerId { get; init; }
    public required string AuthorId { get; init; }
    public required string UploadId { get; init; }
    public required string Name { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required long FileSize { get; init; }
    public required string Sha256 { get; init; }
    public required string StorageKey { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? Source { get; init; }
    public string? ConfigJson { get; init; }
    public string? MetadataJson { get; init; }
}

/// <summary>An API key as stored: the secret only as a hash.</summary>
public sealed record ApiKeyRecord(string ApiKey, string SecretHash, string OwnerId, string AuthorId, DateTimeOffset CreatedAt);
