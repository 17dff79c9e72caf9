using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>What validation found out about a file: whether it is what it claims, and what it is.</summary>
public sealed record FileInspection
{
    public required bool IsValid { get; init; }

    /// <summary>The detected format, short and lower case: <c>png</c>, <c>glb</c>, <c>safetensors</c>, …</summary>
    public string? Format { get; init; }

    /// <summary>The MIME type that fits the detected format.</summary>
    public string? DetectedContentType { get; init; }

    /// <summary>Why the file was refused, in words the user can act on; set when not valid.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>What a user wants to know of the file (width, height, duration, tensors, …).</summary>
    public JsonObject Metadata { get; init; } = [];

    public static FileInspection Valid(string? format, string? contentType, JsonObject? metadata = null) =>
        new() { IsValid = true, Format = format, DetectedContentType = contentType, Metadata = metadata ?? [] };

    public static FileInspection Invalid(string errorMessage, string? format = null) =>
        new() { IsValid = false, ErrorMessage = errorMessage, Format = format };
}
