using Scenario.Uploads.Model;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Persistence;

/// <summary>
/// Where uploads and the parts the service holds are kept. Every method that changes state checks the
/// state it expects in the same statement or transaction, so concurrent requests and several service
/// instances cannot both win a race (e.g. a part PUT and the complete action).
/// </summary>
public interface IUploadRepository
{
    /// <summary>
    /// Stores a new upload together with its job, in one transaction. A multipart upload's job is not
    /// <paramref name="runnable"/> until the complete action; an import's job is runnable at once. Within
    /// <paramref name="quota"/> (<see cref="QuotaRules.AtCreate"/>), judged in the same transaction; beyond
    /// it nothing is stored and the breach is returned.
    /// </summary>
    Task<QuotaBreach?> CreateAsync(UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, CancellationToken cancellationToken);

    /// <summary>
    /// The same, under an idempotency key: in the same transaction, takes <paramref name="claim"/> if its key
    /// is free or its holder was created before <paramref name="reclaimBefore"/>, then judges the quota.
    /// Nothing is written when another create holds the key or the quota is full.
    /// </summary>
    Task<KeyedCreate> CreateOnceAsync(
        UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, IdempotencyClaim claim, DateTimeOffset reclaimBefore, CancellationToken cancellationToken);

    /// <summary>The claim on the owner's key, or null.</summary>
    Task<IdempotencyClaim?> FindIdempotencyClaimAsync(string ownerId, string key, CancellationToken cancellationToken);

    /// <summary>Deletes the claims created before <paramref name="before"/>; returns how many.</summary>
    Task<int> ForgetIdempotencyClaimsAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Any owner's upload; for signed part URLs and background work only.</summary>
    Task<UploadRecord?> FindAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>The caller's upload, or null when it does not exist or belongs to another owner.</summary>
    Task<UploadRecord?> FindForOwnerAsync(string ownerId, string uploadId, CancellationToken cancellationToken);

    /// <summary>The owner's uploads, newest first, after <paramref name="after"/> when given.</summary>
    Task<IReadOnlyList<UploadRecord>> ListAsync(string ownerId, int limit, UploadCursor? after, CancellationToken cancellationToken);

    Task<IReadOnlyList<PartRecord>> GetPartsAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>
    /// Starts (re)writing a part whose bytes imply the part size <paramref name="partSize"/>: succeeds only
    /// while the upload is pending and its part size is unset (then it is set to <paramref name="partSize"/>,
    /// durably, so the first part to arrive fixes it and a racing part of another size loses) or equal; and
    /// forgets any copy of the part held before, so the service never vouches for bytes it may be
    /// overwriting. Returns the upload's status (null when it does not exist), whether the write may go
    /// ahead, and the part size fixed for the upload.
    /// </summary>
    Task<PartWriteStart> BeginPartWriteAsync(string uploadId, int partNumber, long partSize, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a part whose bytes are durably stored; false when the upload is no longer pending.</summary>
    Task<bool> RecordPartAsync(string uploadId, PartRecord part, CancellationToken cancellationToken);

    /// <summary>
    /// The complete action: when the upload is pending and every part of the plan is held (or the blob
    /// store's own parts were checked and fit <paramref name="storeVerifiedPartSize"/>, which is then
    /// recorded as the upload's part size), moves it to validating and makes its job runnable, atomically:
    /// no client ever sees a completed upload that nothing is working on. Beyond <paramref name="quota"/>
    /// (<see cref="QuotaRules.AtComplete"/>, judged in the same transaction) the upload stays pending.
    /// </summary>
    Task<CompleteOutcome> CompleteAsync(string uploadId, long? storeVerifiedPartSize, QuotaLimits quota, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the upload's mutable fields when its status is one of <paramref name="expectedStatuses"/>; an
    /// upload that ends (imported) queues its webhook deliveries in the same transaction. A change of status
    /// that <see cref="UploadLifecycle"/> forbids from any expected status throws
    /// <see cref="ForbiddenStatusChangeException"/> before anything is written (so does <see cref="FailAsync"/>).
    /// </summary>
    Task<bool> TryUpdateAsync(UploadRecord updated, IReadOnlyCollection<string> expectedStatuses, CancellationToken cancellationToken);

    /// <summary>
    /// Fails the upload (when its status is one of <paramref name="expectedStatuses"/>) and, in the same
    /// transaction, ends its job with <paramref name="jobStatus"/> unless a worker holds the job's lease: the
    /// job's end state then has one owner, that worker, which writes it with its metadata when it finishes.
    /// The owner's webhook deliveries are queued in the same transaction.
    /// </summary>
    Task<bool> FailAsync(string uploadId, IReadOnlyCollection<string> expectedStatuses, string errorMessage, string jobStatus, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a pending upload whose length was deferred (a resumable protocol's) its length and plan, when it has
    /// none yet, within <paramref name="quota"/> (<see cref="QuotaRules.AtLength"/>, judged in the same transaction);
    /// beyond it nothing is written and the breach is returned.
    /// </summary>
    Task<QuotaBreach?> DeclareLengthAsync(string uploadId, PartPlan plan, QuotaLimits quota, CancellationToken cancellationToken);

    /// <summary>Pending uploads whose time ran out.</summary>
    Task<IReadOnlyList<UploadRecord>> FindExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Failed uploads whose bytes may still be in the blob store.</summary>
    Task<IReadOnlyList<UploadRecord>> FindFailedWithBytesAsync(int limit, CancellationToken cancellationToken);

    Task MarkBytesDeletedAsync(string uploadId, CancellationToken cancellationToken);
}

/// <summary>A position in an owner's newest-first list of uploads.</summary>
public sealed record UploadCursor(DateTimeOffset CreatedAt, string Id);

/// <summary>The answer to <see cref="IUploadRepository.BeginPartWriteAsync"/>.</summary>
public sealed record PartWriteStart(string? Status, bool MayWrite, long? PartSize = null);

/// <summary>The answer to <see cref="IUploadRepository.CompleteAsync"/>.</summary>
public sealed record CompleteOutcome(UploadRecord? Upload, bool Completed, IReadOnlyList<int> MissingParts, QuotaBreach? Breach = null);
