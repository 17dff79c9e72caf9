using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Requests;

/// <summary>Which of the reference's four ways of creating an upload a request uses.</summary>
public enum CreateMode
{
    Multipart,
    Url,
    HuggingFace,
    Civitai,
}

/// <summary>A create request that passed every check of the wire format.</summary>
public sealed record CreateUploadRequest
{
    public required CreateMode Mode { get; init; }
    public required string Kind { get; init; }
    public string? FileName { get; init; }
    public string? ContentType { get; init; }
    public long? FileSize { get; init; }
    public int? Parts { get; init; }
    public AssetOptions? AssetOptions { get; init; }
    public string? Url { get; init; }
    public string? HuggingFaceModelName { get; init; }
    public string? CivitaiModelUrl { get; init; }
}
