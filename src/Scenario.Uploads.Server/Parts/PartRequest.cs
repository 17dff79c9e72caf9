using System.IO.Pipelines;

namespace Scenario.Uploads.Server.Parts;

/// <summary>A part PUT as the part writer sees it, free of HTTP: what the URL, the headers and the body say.</summary>
/// <param name="ClientGone">Fires when the client's connection closes.</param>
public sealed record PartRequest(
    string UploadId,
    string PartNumber,
    string? Expires,
    string? Signature,
    long? ContentLength,
    string? ContentMd5,
    PipeReader Body,
    CancellationToken ClientGone);
