using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Telemetry;

namespace Scenario.Uploads.Server.Uploads;

/// <summary>
/// The one way an upload is failed, by a request or a job: the lifecycle is asked first (a change it
/// forbids is a bug and throws before anything is written), then the compare-and-set, then the count.
/// </summary>
public sealed class UploadTransitions(IUploadRepository uploads, TimeProvider time, UploadsMetrics metrics)
{
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
        metrics.Failed(upload.Kind, upload.Source, failureReason);
        return true;
    }
}
