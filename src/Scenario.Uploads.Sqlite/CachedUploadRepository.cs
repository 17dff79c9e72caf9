using System.Collections.Concurrent;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Sqlite;

/// <summary>
/// Serves reads of single uploads and their parts from memory, in front of a database that no other process
/// writes: the embedded SQLite file, which its owner holds an exclusive lock on. Retrieve and the SDK's
/// status polling then skip the database; on a 2-core machine the two queries of a retrieve were half of
/// its cost. Never use it in front of a database that several instances share.
/// </summary>
/// <remarks>
/// Every write goes through here and drops the upload it touches, before and after the write. A read that
/// missed keeps what it read only if no write ended meanwhile (<see cref="_writes"/> counts write starts and
/// ends), re-checked after the entry is stored, so a value read before a write committed can never outlive
/// that write. Lists and sweeps go straight to the database.
/// </remarks>
public sealed class CachedUploadRepository(IUploadRepository inner) : IUploadRepository
{
    /// <summary>Uploads kept at most; past it the cache starts again empty (an upload is about 1 KiB).</summary>
    public const int MaxUploads = 10_000;

    /// <summary>Part lists kept at most, and the longest list kept: bounds the parts held to 256,000.</summary>
    public const int MaxPartLists = 1_000;
    public const int MaxPartsPerList = 256;

    private readonly ConcurrentDictionary<string, UploadRecord> _uploads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<PartRecord>> _parts = new(StringComparer.Ordinal);
    private long _writes;

    public async Task<UploadRecord?> FindAsync(string uploadId, CancellationToken cancellationToken)
    {
        if (_uploads.TryGetValue(uploadId, out var cached))
        {
            return cached;
        }
        var epoch = Interlocked.Read(ref _writes);
        var found = await inner.FindAsync(uploadId, cancellationToken);
        if (found is not null)
        {
            Remember(_uploads, MaxUploads, uploadId, found, epoch);
        }
        return found;
    }

    public async Task<UploadRecord?> FindForOwnerAsync(string ownerId, string uploadId, CancellationToken cancellationToken)
    {
        var upload = await FindAsync(uploadId, cancellationToken);
        return upload is not null && string.Equals(upload.OwnerId, ownerId, StringComparison.Ordinal) ? upload : null;
    }

    public async Task<IReadOnlyList<PartRecord>> GetPartsAsync(string uploadId, CancellationToken cancellationToken)
    {
        if (_parts.TryGetValue(uploadId, out var cached))
        {
            return cached;
        }
        var epoch = Interlocked.Read(ref _writes);
        var parts = await inner.GetPartsAsync(uploadId, cancellationToken);
        if (parts.Count <= MaxPartsPerList)
        {
            Remember(_parts, MaxPartLists, uploadId, parts, epoch);
        }
        return parts;
    }

    public Task<QuotaBreach?> CreateAsync(UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, CancellationToken cancellationToken) =>
        WriteAsync(upload.Id, () => inner.CreateAsync(upload, job, runnable, quota, cancellationToken));

    public Task<KeyedCreate> CreateOnceAsync(
        UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, IdempotencyClaim claim, DateTimeOffset reclaimBefore, CancellationToken cancellationToken) =>
        WriteAsync(upload.Id, () => inner.CreateOnceAsync(upload, job, runnable, quota, claim, reclaimBefore, cancellationToken));

    public Task<IdempotencyClaim?> FindIdempotencyClaimAsync(string ownerId, string key, CancellationToken cancellationToken) =>
        inner.FindIdempotencyClaimAsync(ownerId, key, cancellationToken);

    public Task<int> ForgetIdempotencyClaimsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        inner.ForgetIdempotencyClaimsAsync(before, cancellationToken);

    public Task<PartWriteStart> BeginPartWriteAsync(string uploadId, int partNumber, long partSize, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(uploadId, () => inner.BeginPartWriteAsync(uploadId, partNumber, partSize, now, cancellationToken));

    public Task<bool> RecordPartAsync(string uploadId, PartRecord part, CancellationToken cancellationToken) =>
        WriteAsync(uploadId, () => inner.RecordPartAsync(uploadId, part, cancellationToken));

    public Task<CompleteOutcome> CompleteAsync(
        string uploadId, long? storeVerifiedPartSize, QuotaLimits quota, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(uploadId, () => inner.CompleteAsync(uploadId, storeVerifiedPartSize, quota, now, cancellationToken));

    public Task<QuotaBreach?> DeclareLengthAsync(string uploadId, PartPlan plan, QuotaLimits quota, CancellationToken cancellationToken) =>
        WriteAsync(uploadId, () => inner.DeclareLengthAsync(uploadId, plan, quota, cancellationToken));

    public Task<bool> TryUpdateAsync(UploadRecord updated, IReadOnlyCollection<string> expectedStatuses, CancellationToken cancellationToken) =>
        WriteAsync(updated.Id, () => inner.TryUpdateAsync(updated, expectedStatuses, cancellationToken));

    public Task<bool> FailAsync(
        string uploadId, IReadOnlyCollection<string> expectedStatuses, string errorMessage, string jobStatus, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        WriteAsync(uploadId, () => inner.FailAsync(uploadId, expectedStatuses, errorMessage, jobStatus, now, cancellationToken));

    public Task MarkBytesDeletedAsync(string uploadId, CancellationToken cancellationToken) =>
        WriteAsync(uploadId, async () =>
        {
            await inner.MarkBytesDeletedAsync(uploadId, cancellationToken);
            return true;
        });

    public Task<IReadOnlyList<UploadRecord>> ListAsync(string ownerId, int limit, UploadCursor? after, CancellationToken cancellationToken) =>
        inner.ListAsync(ownerId, limit, after, cancellationToken);

    public Task<IReadOnlyList<UploadRecord>> FindExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        inner.FindExpiredAsync(now, limit, cancellationToken);

    public Task<IReadOnlyList<UploadRecord>> FindFailedWithBytesAsync(int limit, CancellationToken cancellationToken) =>
        inner.FindFailedWithBytesAsync(limit, cancellationToken);

    private async Task<T> WriteAsync<T>(string uploadId, Func<Task<T>> write)
    {
        Interlocked.Increment(ref _writes);
        Forget(uploadId);
        try
        {
            return await write();
        }
        finally
        {
            // Also when the write failed: it may have committed before the failure was seen.
            Interlocked.Increment(ref _writes);
            Forget(uploadId);
        }
    }

    private void Forget(string uploadId)
    {
        _uploads.TryRemove(uploadId, out _);
        _parts.TryRemove(uploadId, out _);
    }

    private void Remember<T>(ConcurrentDictionary<string, T> map, int capacity, string uploadId, T value, long epoch)
        where T : class
    {
        if (Interlocked.Read(ref _writes) != epoch)
        {
            return;
        }
        if (map.Count >= capacity)
        {
            map.Clear();
        }
        map[uploadId] = value;
        // Interlocked.Read is a full fence: either this read sees a write that ended since the value was read,
        // or that write's Forget comes after the store above and removes it.
        if (Interlocked.Read(ref _writes) != epoch)
        {
            map.TryRemove(KeyValuePair.Create(uploadId, value));
        }
    }
}
