using Microsoft.Extensions.Options;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Quotas;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Quotas;
using Scenario.Uploads.Server.Requests;

namespace Scenario.Uploads.Server.Uploads;

/// <summary>
/// Stores a new upload, once per idempotency key when the create has one: a retried create gets the first
/// one's upload back, a key reused for another body is refused.
/// </summary>
public sealed class IdempotentCreates(IUploadRepository uploads, IOptions<UploadsOptions> options, TimeProvider time)
{
    /// <summary>
    /// Stores the upload, under its idempotency key when it has one. When a concurrent create with the same
    /// key stored its upload first, that one's answer (<see cref="ReplayAsync"/>) instead.
    /// </summary>
    public async Task<Result<CreatedUpload>> StoreAsync(
        UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, IdempotentRequest? idempotent, CancellationToken cancellationToken)
    {
        if (idempotent is null)
        {
            return await uploads.CreateAsync(upload, job, runnable, quota, cancellationToken) is { } breach
                ? Result<CreatedUpload>.Fail(QuotaProblem.For(breach, atComplete: false))
                : Result<CreatedUpload>.Ok(new CreatedUpload(upload, Replayed: false));
        }
        var claim = new IdempotencyClaim(upload.OwnerId, idempotent.Key, idempotent.RequestSha256, upload.Id, upload.CreatedAt);
        // Each round either stores the upload or finds the key's holder; a holder can only vanish by the
        // sweep of expired keys, after which the key is free for the next round.
        for (var round = 0; ; round++)
        {
            var outcome = await uploads.CreateOnceAsync(upload, job, runnable, quota, claim, upload.CreatedAt - options.Value.IdempotencyKeyLifetime, cancellationToken);
            if (outcome.Breach is { } breach)
            {
                return Result<CreatedUpload>.Fail(QuotaProblem.For(breach, atComplete: false));
            }
            if (outcome.Stored)
            {
                return Result<CreatedUpload>.Ok(new CreatedUpload(upload, Replayed: false));
            }
            if (await ReplayAsync(upload.OwnerId, idempotent, cancellationToken, anyAge: true) is { } earlier)
            {
                return earlier;
            }
            if (round == 3)
            {
                throw new InvalidOperationException($"The idempotency key of upload {upload.Id} was neither free nor held, four times.");
            }
        }
    }

    /// <summary>
    /// The upload an earlier create with the same key made, while the key lives: the same body gets it back,
    /// another body is refused (the key was reused by mistake, and answering the first upload would hide it).
    /// Null when the key names no live upload.
    /// </summary>
    /// <remarks>
    /// <paramref name="anyAge"/>: right after the database refused the key, its holder counts whatever its
    /// age, as the database judged it live a moment ago.
    /// </remarks>
    public async Task<Result<CreatedUpload>?> ReplayAsync(
        string ownerId, IdempotentRequest idempotent, CancellationToken cancellationToken, bool anyAge = false)
    {
        var claim = await uploads.FindIdempotencyClaimAsync(ownerId, idempotent.Key, cancellationToken);
        if (claim is null || (!anyAge && claim.CreatedAt < time.GetUtcNow() - options.Value.IdempotencyKeyLifetime))
        {
            return null;
        }
        if (claim.RequestSha256 != idempotent.RequestSha256)
        {
            return Result<CreatedUpload>.Fail(ErrorCodes.IdempotencyKeyReused,
                $"The {IdempotentRequest.Header} '{idempotent.Key}' was used for a different create (upload {claim.UploadId}) within the last {options.Value.IdempotencyKeyLifetime.TotalHours:0.#} h. Send a new key for a new upload, or the same body to get that upload again.",
                new Dictionary<string, object?> { ["uploadId"] = claim.UploadId });
        }
        var earlier = await uploads.FindForOwnerAsync(ownerId, claim.UploadId, cancellationToken);
        return earlier is null ? null : Result<CreatedUpload>.Ok(new CreatedUpload(earlier, Replayed: true));
    }
}
