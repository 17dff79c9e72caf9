using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Quotas;
using Scenario.Uploads.Server.Telemetry;

namespace Scenario.Uploads.Server.Lifecycle;

/// <summary>
/// The one way the service changes an upload's status, from a request or a job: the lifecycle is asked first
/// (a change it forbids is a bug and throws before anything is written; the repository asks again), then the
/// repository's compare-and-set, then the change is counted, once, by whoever made it.
/// </summary>
public sealed class UploadTransitions(IUploadRepository uploads, TimeProvider time, UploadsMetrics metrics)
{
    /// <summary>
    /// The complete action: pending → validating when every part is held and the quota allows it
    /// (<see cref="IUploadRepository.CompleteAsync"/>).
    /// </summary>
    public async Task<CompleteOutcome> CompleteAsync(UploadRecord upload, long? storeVerifiedPartSize, QuotaLimits quota, CancellationToken cancellationToken)
    {
        UploadLifecycle.Require(upload.Status, UploadStatuses.Validating);
        var outcome = await uploads.CompleteAsync(upload.Id, storeVerifiedPartSize, quota, time.GetUtcNow(), cancellationToken);
        if (outcome.Completed)
        {
            Count(upload, UploadStatuses.Validating, reason: null);
        }
        return outcome;
    }

    /// <summary>
    /// Stores <paramref name="to"/> (the upload with its next status and what the step learnt) if the upload is
    /// still in <paramref name="from"/>'s status; either way returns the upload as stored now.
    /// </summary>
    public async Task<UploadRecord> MoveAsync(UploadRecord from, UploadRecord to, CancellationToken cancellationToken)
    {
        UploadLifecycle.Require(from.Status, to.Status);
        var updated = to with { UpdatedAt = time.GetUtcNow() };
        if (await uploads.TryUpdateAsync(updated, [from.Status], cancellationToken))
        {
            Count(updated, updated.Status, reason: null);
            return updated;
        }
        return await uploads.FindAsync(from.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Upload {from.Id} vanished while it was moved to {to.Status}.");
    }

    /// <summary>
    /// Fails <paramref name="upload"/> if it is still in one of <paramref name="fromStatuses"/>; returns
    /// whether this call changed the row (false: someone else moved it first, and nothing is counted).
    /// </summary>
    public async Task<bool> FailAsync(
        UploadRecord upload, IReadOnlyCollection<string> fromStatuses, string message, string jobStatus, string failureReason,
        CancellationToken cancellationToken)
    {
        foreach (var from in fromStatuses)
        {
            UploadLifecycle.Require(from, UploadStatuses.Failed);
        }
        if (!await uploads.FailAsync(upload.Id, fromStatuses, message, jobStatus, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }
        Count(upload, UploadStatuses.Failed, failureReason);
        return true;
    }

    private void Count(UploadRecord upload, string to, string? reason)
    {
        switch (to)
        {
            case UploadStatuses.Validating:
                // Completed by the client's action or, for an import, by the end of its download.
                metrics.Completed(upload.Kind, upload.Source);
                break;
            case UploadStatuses.Imported:
                metrics.Imported(upload.Kind, upload.Source);
                break;
            case UploadStatuses.Failed:
                metrics.Failed(upload.Kind, upload.Source, reason ?? FailureReasons.Internal);
                break;
        }
    }
}
