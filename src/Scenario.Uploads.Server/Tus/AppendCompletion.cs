using Scenario.Formats;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Quotas;
using Scenario.Uploads.Server.Uploads;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// What the last byte of an appended upload does: the store makes the bytes one object, the upload learns its
/// plan, its SHA-256 (hashed while the bytes arrived) and, when the client named none, its kind from its first
/// bytes (as the CLI's <c>--kind auto</c>), then it is completed like a multipart upload: validation, import,
/// quotas, metrics and webhooks are that path's. Every step can run again: an append that finds the bytes all
/// in completes an upload whose earlier completion was cut short.
/// </summary>
internal sealed class AppendCompletion(
    IUploadRepository uploads, IAppendRepository appends, IBlobStore blobs, IAppendStore store, UploadActions actions, TimeProvider time)
{
    /// <summary>The caller's appended upload (or partial upload) that still takes bytes; else 404 or 410.</summary>
    public async Task<Result<AppendState>> FindAsync(string id, string ownerId, CancellationToken cancellationToken)
    {
        var state = Ids.LooksValid(id) ? await appends.FindAsync(id, cancellationToken) : null;
        if (state is null || state.OwnerId != ownerId)
        {
            return Result<AppendState>.Fail(TusProblems.NotFound);
        }
        return await GoneAsync(state, cancellationToken) is { } gone ? Result<AppendState>.Fail(gone) : Result<AppendState>.Ok(state);
    }

    /// <summary>Why the upload takes no more bytes, or null when it does.</summary>
    private async Task<Problem?> GoneAsync(AppendState state, CancellationToken cancellationToken)
    {
        if (state.IsPartial)
        {
            return state.ExpiresAt < time.GetUtcNow() ? TusProblems.Gone("it expired.") : null;
        }
        var upload = await uploads.FindAsync(state.Id, cancellationToken);
        return upload switch
        {
            null => TusProblems.NotFound,
            { Status: UploadStatuses.Failed } => TusProblems.Gone(upload.ErrorMessage),
            _ => null,
        };
    }

    public async Task<Result<UploadRecord?>> FinishAsync(AppendState state, QuotaLimits quota, CancellationToken cancellationToken)
    {
        var length = state.Length!.Value;
        var target = new AppendTarget(state.StorageKey, state.StorageUploadId, state.PartSize);
        if (state.IsPartial)
        {
            await store.FinishAsync(target, length, cancellationToken);
            return Result<UploadRecord?>.Ok(null);
        }
        var upload = await uploads.FindAsync(state.Id, cancellationToken);
        if (upload is not { Status: UploadStatuses.Pending })
        {
            return Result<UploadRecord?>.Ok(upload);
        }
        if (state.Concat is null)
        {
            await store.FinishAsync(target, length, cancellationToken);
        }
        var plan = PartPlan.Of(length, state.PartSize);
        var ready = upload with
        {
            FileSize = length,
            PartsCount = plan.PartsCount,
            PartSize = plan.PartSize,
            Sha256 = AppendHashes.Digest(state.HashState, length),
            Kind = TusUploadMetadata.KindGiven(state.Metadata) ?? await KindOfContentAsync(upload, cancellationToken),
            UpdatedAt = time.GetUtcNow(),
        };
        if (!await uploads.TryUpdateAsync(ready, [UploadStatuses.Pending], cancellationToken))
        {
            return Result<UploadRecord?>.Ok(await uploads.FindAsync(state.Id, cancellationToken));
        }
        var completed = await actions.CompleteAppendedAsync(ready, plan.PartSize, quota, cancellationToken);
        return completed.Error is { } problem ? Result<UploadRecord?>.Fail(problem) : Result<UploadRecord?>.Ok(completed.Value);
    }

    /// <summary>The kind its first bytes show: the family they belong to, else asset.</summary>
    private async Task<string> KindOfContentAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        await using var content = await blobs.OpenReadAsync(upload.StorageKey, cancellationToken);
        var head = new byte[ContentSniffer.HeadSize];
        var read = 0;
        while (read < head.Length)
        {
            var n = await content.ReadAtAsync(read, head.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }
            read += n;
        }
        return KindRules.KindOf(ContentSniffer.Sniff(head.AsSpan(0, read))?.Family);
    }
}
