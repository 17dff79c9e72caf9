using System.Text.Json;

namespace Scenario.Models;

/// <summary>An asset created by importing an upload.</summary>
public sealed record Asset
{
    /// <summary>The asset id.</summary>
    public required string Id { get; init; }

    /// <summary>The owner of the asset.</summary>
    public required string OwnerId { get; init; }

    /// <summary>The user who uploaded it.</summary>
    public required string AuthorId { get; init; }

    /// <summary>The upload it was imported from.</summary>
    public string? UploadId { get; init; }

    /// <summary>The kind of upload it came from.</summary>
    public required UploadKind Kind { get; init; }

    /// <summary>The file name.</summary>
    public required string FileName { get; init; }

    /// <summary>The MIME type.</summary>
    public string? ContentType { get; init; }

    /// <summary>The size in bytes.</summary>
    public long? FileSize { get; init; }

    /// <summary>Hex SHA-256 of the content.</summary>
    public string? Sha256 { get; init; }

    /// <summary>A signed download URL.</summary>
    public string? Url { get; init; }

    /// <summary>The collections the asset belongs to.</summary>
    public IReadOnlyList<string>? CollectionIds { get; init; }

    /// <summary>Whether the asset is hidden from the user.</summary>
    public bool? Hidden { get; init; }

    /// <summary>The parent asset id.</summary>
    public string? ParentId { get; init; }

    /// <summary>What validation learned about the file (dimensions, duration, …).</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>When the asset was created (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
