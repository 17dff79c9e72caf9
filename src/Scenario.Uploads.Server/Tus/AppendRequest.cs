using System.IO.Pipelines;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// One append, as the protocols' headers say it: the bytes of <see cref="Body"/> after the first
/// <see cref="Offset"/> bytes of upload <see cref="Id"/>; <see cref="Length"/> when this request gives a length
/// that was deferred; <see cref="CompletesAtEnd"/> when the upload ends with this body, however long it is (RUFH's
/// <c>Upload-Complete: ?1</c> on a body of unknown length).
/// </summary>
internal sealed record AppendRequest(
    string Id, string OwnerId, long Offset, PipeReader Body, long? ContentLength, TusChecksum? Checksum, long? Length, QuotaLimits Quota,
    CancellationToken ClientGone, bool CompletesAtEnd = false);
