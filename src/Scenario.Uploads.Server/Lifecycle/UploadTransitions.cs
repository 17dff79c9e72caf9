using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Quotas;
using Scenario.Uploads.Server.Telemetry;

namespace Scenario.Uploads.Server.Lifecycle;

/// <summary>
/// The one way the service changes an upload's status, from a request or a job: the repository's compare-and-set,
/// which asks the lifecycle first (a change it forbids is a bug and throws before anything is written), then the
/// change is counted, once, by whoever made it.
/// </summary>
public sealed class UploadTransitions(IUploadRepository uploads, TimeProvider time, UploadsMetrics metrics)
{
    /// <summary>
    /// The complete action: pending → validating when every part is held and the quota allows it
    /// (<see cref="IUploadRepository.CompleteAsync"/>).
    /// </summary>
    public async Task<CompleteOutcome> CompleteAsync(UploadRecord upload, long? storeVerifiedPartSize, QuotaLimits quota, CancellationToken cancellationToken)
    {
        // The repository completes only a pending upload; a caller holding an upload past pending has a bug.
        UploadLifecycle.Require(upload.Status, UploadStatuses.Validating);
        var outcome = await uploads.CompleteAsync(upload.Id, storeVerifiedPartSize, quota, time.GetUtcNow(), cancellationToken);
        if (outcome.Completed)
        {
            Count(upload, UploadStatuses.Validating);
        }
        return outcome;
    }

    /// <summary>
    /// Stores <paramref name="to"/> (the upload with its next status and what the step learnt) if the upload is
    /// still in <paramref name="from"/>'s status; either way returns the upload as stored now.
    /// </summary>
    public async Task<UploadRecord> MoveAsync(UploadRecord from, UploadRecord to, CancellationToken cancellationToken)
    {
        var updated = to with { UpdatedAt = time.GetUtcNow() };
        if (await uploads.TryUpdateAsync(updated, [from.Status], cancellationToken))
        {
            Count(updated, updated.Status);
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
        if (!await uploads.FailAsync(upload.Id, fromStatuses, message, jobStatus, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }
        metrics.Failed(upload.Kind, upload.Source, failureReason);
        return true;
    }

    private void Count(UploadRecord upload, string to)
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
        }
    }
}
