using System.Text.Json;

namespace Scenario.Uploads.Server.Wire;

/// <summary>The reference's <c>Upload</c>, in its field order; <c>partSize</c> and <c>sha256</c> are our extensions.</summary>
public sealed record UploadDto
{
    public required string Id { get; init; }
    public required string AuthorId { get; init; }
    public required string CreatedAt { get; init; }
    public required string FileName { get; init; }
    public required string Kind { get; init; }
    public required string OwnerId { get; init; }
    public required string Source { get; init; }
    public required string Status { get; init; }
    public required string UpdatedAt { get; init; }
    public AssetOptionsDto? AssetOptions { get; init; }
    public JsonElement? Config { get; init; }
    public string? ContentType { get; init; }
    public string? EntityId { get; init; }
    public string? ErrorMessage { get; init; }
    public long? FileSize { get; init; }
    public string? JobId { get; init; }
    public string? OriginalFileName { get; init; }
    public IReadOnlyList<PartDto>? Parts { get; init; }
    public int? PartsCount { get; init; }
    /// <summary>Our extension: the part size P once the first part fixed it (on S3: as the parts held show it).</summary>
    public long? PartSize { get; init; }
    public string? Provider { get; init; }
    public string? Url { get; init; }
    public string? Sha256 { get; init; }
}

public sealed record AssetOptionsDto(IReadOnlyList<string>? CollectionIds, bool? Hide, string? ParentId);

/// <summary>A part: the reference's <c>expires, number, url</c>, plus what a client needs to resume.</summary>
public sealed record PartDto(
    string Expires,
    int Number,
    string Url,
    bool Uploaded,
    long? Size,
    string? Etag);

public sealed record UploadEnvelope(UploadDto Upload);

/// <summary>The answer to create: the same wire form as <see cref="UploadEnvelope"/>, under the reference's own name.</summary>
public sealed record UploadCreateResponse(UploadDto Upload);

/// <summary>The answer to an action: the same wire form as <see cref="UploadEnvelope"/>, under the reference's own name.</summary>
public sealed record UploadTriggerActionResponse(UploadDto Upload);

public sealed record UploadListEnvelope(IReadOnlyList<UploadDto> Uploads, string? NextPaginationToken);

public sealed record PartReceiptDto(int Number, long Size, string Etag);

public sealed record PartReceiptEnvelope(PartReceiptDto Part);
