using System.IO.Pipelines;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// One append, as the protocols' headers say it: the bytes of <see cref="Body"/> after the first
/// <see cref="Offset"/> bytes of upload <see cref="Id"/>; <see cref="Length"/> when this request gives a length
/// that was deferred (or, in RUFH, ends the upload with this body).
/// </summary>
internal sealed record AppendRequest(
    string Id, string OwnerId, long Offset, PipeReader Body, long? ContentLength, TusChecksum? Checksum, long? Length, QuotaLimits Quota,
    CancellationToken ClientGone);
