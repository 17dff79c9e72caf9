using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scenario.Models;

/// <summary>An upload: a file on its way to becoming an asset or a model.</summary>
public sealed record Upload
{
    /// <summary>The upload id.</summary>
    public required string Id { get; init; }

    /// <summary>The user who created the upload.</summary>
    public required string AuthorId { get; init; }

    /// <summary>When the upload was created (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The (sanitised) file name.</summary>
    public required string FileName { get; init; }

    /// <summary>What the file becomes once validated.</summary>
    public required UploadKind Kind { get; init; }

    /// <summary>The owner (team or project) of the upload.</summary>
    public required string OwnerId { get; init; }

    /// <summary>Where the bytes come from.</summary>
    public required UploadSource Source { get; init; }

    /// <summary>Where the upload is in its lifecycle.</summary>
    public required UploadStatus Status { get; init; }

    /// <summary>When the upload last changed (UTC).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Options applied to the asset once imported.</summary>
    public UploadAssetOptions? AssetOptions { get; init; }

    /// <summary>Free-form configuration (for model imports).</summary>
    public JsonElement? Config { get; init; }

    /// <summary>The MIME type of the file.</summary>
    public string? ContentType { get; init; }

    /// <summary>The id of the asset or model created; set once <see cref="Status"/> is imported.</summary>
    public string? EntityId { get; init; }

    /// <summary>Why the upload failed, in words a user can act on; set once failed.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The size of the file in bytes.</summary>
    public long? FileSize { get; init; }

    /// <summary>The background job that processes the upload.</summary>
    public string? JobId { get; init; }

    /// <summary>The file name exactly as the client sent it.</summary>
    public string? OriginalFileName { get; init; }

    /// <summary>The parts to PUT, with their signed URLs (multipart uploads, while pending).</summary>
    public IReadOnlyList<UploadPart>? Parts { get; init; }

    /// <summary>How many parts the file is cut into.</summary>
    public int? PartsCount { get; init; }

    /// <summary>
    /// The size of every part but the last (the last carries the rest), once the first part the service
    /// received fixed it; absent before (an extension of this service).
    /// </summary>
    public long? PartSize { get; init; }

    /// <summary>The external provider of an imported model.</summary>
    public UploadProvider? Provider { get; init; }

    /// <summary>The URL the file is downloaded from (URL imports).</summary>
    public string? Url { get; init; }

    /// <summary>Hex SHA-256 of the content, set once validated (an extension of this service).</summary>
    public string? Sha256 { get; init; }

    /// <summary>Whether the upload reached a terminal status (imported or failed).</summary>
    [JsonIgnore]
    public bool IsTerminal => Status == UploadStatus.Imported || Status == UploadStatus.Failed;
}
