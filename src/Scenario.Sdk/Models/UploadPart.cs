namespace Scenario.Models;

/// <summary>One part of a multipart upload and the signed URL to PUT it to.</summary>
public sealed record UploadPart
{
    /// <summary>When <see cref="Url"/> stops being accepted (UTC).</summary>
    public required DateTimeOffset Expires { get; init; }

    /// <summary>The part number, 1-based.</summary>
    public required int Number { get; init; }

    /// <summary>The signed URL: PUT the raw bytes of the part here, with no credentials.</summary>
    public required string Url { get; init; }

    /// <summary>Whether the service already holds this part (an extension of this service).</summary>
    public bool? Uploaded { get; init; }

    /// <summary>The size of the part the service holds, in bytes (an extension of this service).</summary>
    public long? Size { get; init; }

    /// <summary>The ETag of the part the service holds (an extension of this service).</summary>
    public string? Etag { get; init; }
}
