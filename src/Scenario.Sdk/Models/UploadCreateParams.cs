namespace Scenario.Models;

/// <summary>
/// The body of <c>POST /uploads</c>. Set exactly one mode: multipart
/// (<see cref="FileName"/>, <see cref="ContentType"/>, <see cref="FileSize"/>, <see cref="Parts"/>, <see cref="Kind"/>),
/// <see cref="Url"/> (with <see cref="Kind"/>), <see cref="HuggingFaceModelName"/> or <see cref="CivitaiModelUrl"/>.
/// </summary>
public sealed record UploadCreateParams
{
    /// <summary>Asset options. Not available for the model kind.</summary>
    public UploadAssetOptions? AssetOptions { get; init; }

    /// <summary>The civitai.com URL of a model to import.</summary>
    public string? CivitaiModelUrl { get; init; }

    /// <summary>The MIME type of the file (multipart).</summary>
    public string? ContentType { get; init; }

    /// <summary>The file name (multipart).</summary>
    public string? FileName { get; init; }

    /// <summary>The size of the file in bytes (multipart).</summary>
    public long? FileSize { get; init; }

    /// <summary>The huggingface.co model name, <c>owner/name</c>.</summary>
    public string? HuggingFaceModelName { get; init; }

    /// <summary>What the file becomes once validated (multipart and url).</summary>
    public UploadKind? Kind { get; init; }

    /// <summary>The number of parts, 1..10000 (multipart).</summary>
    public int? Parts { get; init; }

    /// <summary>A URL to download the file from; requires <see cref="Kind"/>.</summary>
    public string? Url { get; init; }

    /// <summary>
    /// Sent as the <c>Idempotency-Key</c> header, not in the body: a create sent again with the same key and
    /// body within 24 h returns the upload the first one made. When null, the SDK makes one per call of
    /// <see cref="Services.IUploadService.CreateAsync"/> and keeps it for that call's retries, so a create
    /// retried after a timeout never makes a second upload; set your own to carry it across processes.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? IdempotencyKey { get; init; }
}
