using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Hashing;

/// <summary>
/// The SHA-256s this instance computes while parts arrive (<see cref="UploadHasher"/>), one per upload
/// being received, and their checkpoints under the data directory's <c>hashing</c> folder. Only where the
/// service receives the bytes itself (local disk) and OpenSSL's SHA-256 can be called
/// (<see cref="Sha256State"/>); elsewhere, or with <c>Uploads:HashWhileReceiving</c> off, validation reads
/// the stored file once for it, as it always did.
/// </summary>
public sealed class HasherRegistry(IBlobStore blobs, IUploadRepository uploads, IOptions<UploadsOptions> options, UploadsMetrics metrics, ILogger<HasherRegistry> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, UploadHasher> _hashers = new();
    private readonly CheckpointStore _checkpoints = new(Path.Combine(options.Value.DataDirectory, "hashing"));

    private bool Enabled => options.Value.HashWhileReceiving && blobs is IServicePartStore && Sha256State.IsAvailable;

    /// <summary>
    /// Part <paramref name="number"/> of <paramref name="upload"/> is about to be written with
    /// <paramref name="plan"/>: the returned progress goes to the store's write, and disposing it says the
    /// write ended (whole when <see cref="PartFollower.Whole"/> was set). Null when nothing is hashed here.
    /// </summary>
    internal PartFollower? Follow(UploadRecord upload, PartPlan plan, int number)
    {
        if (!Enabled)
        {
            return null;
        }
        // Hashing only saves time later: nothing in it may fail a part write.
        try
        {
            var hasher = HasherFor(upload.Id, upload.StorageKey, plan);
            hasher.PartStarting(number);
            hasher.EnsureRunning();
            return new PartFollower(hasher, number);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Part {Part} of upload {UploadId} is not hashed as it arrives; validation will read it.", number, upload.Id);
            return null;
        }
    }

    /// <summary>
    /// The SHA-256 of a completed upload's file from what was hashed while it arrived (and the rest read
    /// now); null when it must be read whole instead (nothing hashed here, or the hasher failed: logged).
    /// </summary>
    public async Task<string?> TryFinishAsync(UploadRecord upload, IProgress<double> progress, CancellationToken cancellationToken)
    {
        if (!Enabled || upload.Source != UploadSources.Multipart || upload.Protocol is not null || upload.Plan is not { } plan)
        {
            return null;
        }
        var hasher = HasherFor(upload.Id, upload.StorageKey, plan);
        try
        {
            var parts = await uploads.GetPartsAsync(upload.Id, cancellationToken);
            var sha256 = await hasher.FinishAsync(parts, progress, cancellationToken);
            Forget(upload.Id);
            return sha256;
        }
        catch (OperationCanceledException)
        {
            // Stopped (shutdown, a lost lease): the next run starts from the checkpoint.
            Drop(upload.Id, hasher);
            throw;
        }
        catch (Exception e)
        {
            // Whatever went wrong, the file itself is whole: read it as if nothing had been hashed.
            logger.LogWarning(e, "The SHA-256 of upload {UploadId} taken while it arrived is unusable; reading the file whole instead.", upload.Id);
            Forget(upload.Id);
            return null;
        }
    }

    /// <summary>The upload is done with (imported, failed, aborted, expired): stop hashing it, delete its checkpoint.</summary>
    public void Forget(string uploadId) => _ = ForgetAsync(uploadId);

    /// <summary><see cref="Forget"/>, complete once the hash has let go of the upload's file.</summary>
    public Task ForgetAsync(string uploadId)
    {
        if (_hashers.TryRemove(uploadId, out var hasher))
        {
            return hasher.ForgetAsync();
        }
        _checkpoints.DeleteQuietly(uploadId);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var hasher in _hashers.Values)
        {
            hasher.Dispose();
        }
    }

    private UploadHasher HasherFor(string uploadId, string storageKey, PartPlan plan)
    {
        while (true)
        {
            var hasher = _hashers.GetOrAdd(uploadId, _ => new UploadHasher(blobs, uploadId, storageKey, plan, _checkpoints, metrics));
            if (hasher.Plan == plan && !hasher.Failed)
            {
                return hasher;
            }
            // Stopped on an error (a fresh one starts from the checkpoint), or made for another plan (cannot
            // happen once a part fixed it; guards the checkpoint's meaning).
            Drop(uploadId, hasher);
        }
    }

    private void Drop(string uploadId, UploadHasher hasher)
    {
        if (_hashers.TryRemove(new KeyValuePair<string, UploadHasher>(uploadId, hasher)))
        {
            hasher.Dispose();
        }
    }
}
