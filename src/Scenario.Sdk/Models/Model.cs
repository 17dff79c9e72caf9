using System.Text.Json;

namespace Scenario.Models;

/// <summary>A model created by importing an upload of kind model.</summary>
public sealed record Model
{
    /// <summary>The model id.</summary>
    public required string Id { get; init; }

    /// <summary>The owner of the model.</summary>
    public required string OwnerId { get; init; }

    /// <summary>The user who uploaded it.</summary>
    public required string AuthorId { get; init; }

    /// <summary>The upload it was imported from.</summary>
    public string? UploadId { get; init; }

    /// <summary>The model name.</summary>
    public string? Name { get; init; }

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

    /// <summary>Free-form model configuration.</summary>
    public JsonElement? Config { get; init; }

    /// <summary>What validation learned about the file.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>When the model was created (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
