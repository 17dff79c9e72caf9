using System.Text.Json;

namespace Scenario.Uploads.Server.Http;

public sealed record AssetDto
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
    /// <summary>A signed download URL that accepts Range requests.</summary>
    public required string Url { get; init; }
    public required IReadOnlyList<string> CollectionIds { get; init; }
    public required bool Hidden { get; init; }
    public string? ParentId { get; init; }
    public JsonElement? Metadata { get; init; }
    public required string CreatedAt { get; init; }
}

public sealed record ModelDto
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
    public required string Url { get; init; }
    public JsonElement? Config { get; init; }
    public JsonElement? Metadata { get; init; }
    public required string CreatedAt { get; init; }
}

public sealed record JobDto
{
    public required string JobId { get; init; }
    public required string JobType { get; init; }
    public required string Status { get; init; }
    public required double Progress { get; init; }
    public JsonElement? Metadata { get; init; }
    public required string CreatedAt { get; init; }
    public required string UpdatedAt { get; init; }
}

public sealed record AssetEnvelope(AssetDto Asset);

public sealed record ModelEnvelope(ModelDto Model);

public sealed record JobEnvelope(JobDto Job);
