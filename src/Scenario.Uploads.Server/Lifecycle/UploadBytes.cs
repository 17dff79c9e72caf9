using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Hashing;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Lifecycle;

/// <summary>
/// Deletes a failed upload's bytes, for the abort action and for the jobs (a failed job, the sweeper's
/// retry), so the job layer does not call into the request layer for it.
/// </summary>
public sealed class UploadBytes(IUploadRepository uploads, IBlobStore blobs, HasherRegistry hashers, ILogger<UploadBytes> logger)
{
    /// <summary>How long deleting an upload's bytes waits for its hash to let go of the file (one read, normally).</summary>
    private static readonly TimeSpan HashLetGo = TimeSpan.FromSeconds(5);

    /// <summary>Deletes a failed upload's bytes; on error (false) the sweeper tries again later.</summary>
    public async Task<bool> DeleteAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        // The hash of the parts received reads the file: once it let go, deleting the file frees its space at once
        // (an open file's blocks stay the disk's), which a client aborting to make room on a full disk counts on.
        await hashers.ForgetAsync(upload.Id).WaitAsync(HashLetGo, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await blobs.DeleteAsync(upload.StorageKey, upload.StorageUploadId, cancellationToken);
            await uploads.MarkBytesDeletedAsync(upload.Id, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            logger.LogWarning(e, "Could not delete the bytes of failed upload {UploadId}; the sweeper will retry.", upload.Id);
            return false;
        }
    }
}
