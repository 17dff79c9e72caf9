using Microsoft.Extensions.Options;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Quotas;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Uploads;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// Creates what the protocols' POST asks for: an upload (its record, its storage and its append state), a
/// partial upload (a piece of tus concatenation, with an append state and storage but no upload of its own),
/// or a final upload made of finished partial ones, which is complete from the start.
/// </summary>
internal sealed class TusCreation(
    UploadCreation creation,
    IAppendRepository appends,
    IAppendStore store,
    IBlobStore blobs,
    AppendCompletion completion,
    IOptions<UploadsOptions> options,
    TimeProvider time,
    ILogger<TusCreation> logger)
{
    /// <summary>The part size of an upload of deferred length: the most it may then hold is this times the part limit.</summary>
    private static readonly long DeferredPartSize = PartPlan.ForAppends(PartPlan.MaxParts * 16L * 1024 * 1024);

    public async Task<Result<AppendState>> CreateAsync(TusCreate request, CancellationToken cancellationToken)
    {
        var metadata = TusUploadMetadata.Read(request.Metadata);
        if (metadata.Error is { } bad)
        {
            return Result<AppendState>.Fail(bad);
        }
        if (request.Length > options.Value.MaxFileSize)
        {
            return Result<AppendState>.Fail(TusProblems.TooLarge(request.Length.Value, options.Value.MaxFileSize));
        }
        var partSize = request.Length is { } length ? PartPlan.ForAppends(length) : DeferredPartSize;
        return request.Partial
            ? await CreatePartialAsync(request, partSize, cancellationToken)
            : await CreateUploadAsync(request, metadata.Value, partSize, fill: null, cancellationToken);
    }

    /// <summary>tus concatenation: a final upload of the finished partial uploads <paramref name="partialIds"/>, in order.</summary>
    public async Task<Result<AppendState>> ConcatenateAsync(TusCreate request, IReadOnlyList<string> partialIds, CancellationToken cancellationToken)
    {
        var metadata = TusUploadMetadata.Read(request.Metadata);
        if (metadata.Error is { } bad)
        {
            return Result<AppendState>.Fail(bad);
        }
        var pieces = new List<AppendState>();
        foreach (var id in partialIds)
        {
            var piece = await appends.FindAsync(id, cancellationToken);
            if (piece is not { IsPartial: true } || piece.OwnerId != request.OwnerId)
            {
                return Result<AppendState>.Fail(TusProblems.BadHeader($"Upload-Concat names {id}, which is no partial upload of this account."));
            }
            if (!piece.IsComplete)
            {
                return Result<AppendState>.Fail(TusProblems.BadHeader($"The partial upload {id} has {piece.Offset} of its {piece.Length?.ToString() ?? "(deferred)"} bytes; finish it before concatenating."));
            }
            pieces.Add(piece);
        }
        var length = pieces.Sum(p => p.Length!.Value);
        if (length > options.Value.MaxFileSize)
        {
            return Result<AppendState>.Fail(TusProblems.TooLarge(length, options.Value.MaxFileSize));
        }
        Result<AppendState> created;
        try
        {
            created = await CreateUploadAsync(request with { Length = length }, metadata.Value, PartPlan.ForAppends(length),
                upload => JoinAsync(upload, pieces, string.Join(' ', partialIds), cancellationToken), cancellationToken);
        }
        catch (FileNotFoundException)
        {
            // A final upload that an earlier request joined, whose instance stopped before it answered: its pieces are in it.
            return Result<AppendState>.Fail(TusProblems.Gone("its partial uploads were already joined into a final upload."));
        }
        if (created.Error is not null)
        {
            return created;
        }
        var finished = await completion.FinishAsync(created.Value, request.Quota, cancellationToken);
        // After the answer: the client need not wait for them, and any left behind expire with their lifetime.
        _ = Task.Run(() => DeletePiecesAsync(pieces), CancellationToken.None);
        return finished.Error is { } problem ? Result<AppendState>.Fail(problem) : Result<AppendState>.Ok(created.Value);
    }

    /// <summary>
    /// The pieces end to end as the final upload's object, before its state says its bytes are all in. Where they
    /// pass through the service (local disk), they are hashed on the way; copied inside the store (S3), they are
    /// hashed at validation.
    /// </summary>
    private async Task<AppendState> JoinAsync(AppendState state, IReadOnlyList<AppendState> pieces, string concat, CancellationToken cancellationToken)
    {
        var hash = AppendHashes.Resume(null, 0);
        var whole = await store.ConcatenateAsync(new AppendTarget(state.StorageKey, state.StorageUploadId, state.PartSize),
            pieces.Select(p => new StoredPiece(p.StorageKey, p.Length!.Value)).ToList(), bytes => hash?.Append(bytes), cancellationToken);
        return state with { Offset = state.Length!.Value, Concat = concat, HashState = whole ? AppendHashes.Save(hash) : null };
    }

    /// <param name="fill">For a final upload: what makes its bytes, and the state that says they are in.</param>
    private async Task<Result<AppendState>> CreateUploadAsync(
        TusCreate request, TusUploadMetadata metadata, long partSize, Func<AppendState, Task<AppendState>>? fill, CancellationToken cancellationToken)
    {
        // Kind asset until the content decides, when the client named none (AppendCompletion).
        var create = new MultipartCreate(metadata.Kind ?? UploadKinds.Asset, metadata.AssetOptions, metadata.FileName, metadata.OriginalFileName,
            metadata.ContentType, request.Length ?? 0, 1);
        var created = await creation.CreateAppendedAsync(create, request.Length, partSize, request.Protocol, request.OwnerId, request.AuthorId, request.Quota, cancellationToken);
        if (created.Error is { } refused)
        {
            return Result<AppendState>.Fail(refused);
        }
        var upload = created.Value.Upload;
        var state = new AppendState
        {
            Id = upload.Id,
            OwnerId = upload.OwnerId,
            Protocol = request.Protocol,
            StorageKey = upload.StorageKey,
            StorageUploadId = upload.StorageUploadId,
            Length = request.Length,
            PartSize = partSize,
            Offset = 0,
            Metadata = request.Metadata,
            CreatedAt = upload.CreatedAt,
            ExpiresAt = upload.ExpiresAt,
        };
        if (fill is not null)
        {
            state = await fill(state);
        }
        await appends.CreateAsync(state, cancellationToken);
        return Result<AppendState>.Ok(state);
    }

    private async Task<Result<AppendState>> CreatePartialAsync(TusCreate request, long partSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Ids.New(AppendState.Partial);
        var key = $"partials/{id}";
        var state = new AppendState
        {
            Id = id,
            OwnerId = request.OwnerId,
            Protocol = AppendState.Partial,
            StorageKey = key,
            StorageUploadId = await blobs.BeginUploadAsync(key, null, cancellationToken),
            Length = request.Length,
            PartSize = partSize,
            Offset = 0,
            Metadata = request.Metadata,
            CreatedAt = now,
            ExpiresAt = now + options.Value.PendingLifetime,
        };
        await appends.CreateAsync(state, cancellationToken);
        return Result<AppendState>.Ok(state);
    }

    /// <summary>The pieces of a final upload are in it: their bytes and state go (what fails is left to their expiry).</summary>
    private async Task DeletePiecesAsync(IEnumerable<AppendState> pieces)
    {
        foreach (var piece in pieces)
        {
            try
            {
                await blobs.DeleteAsync(piece.StorageKey, piece.StorageUploadId, CancellationToken.None);
                await appends.DeleteAsync(piece.Id, CancellationToken.None);
            }
            // Nobody awaits this: whatever fails is logged, and the sweeper deletes the piece once it expires.
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not delete partial upload {PartialId}; it goes when it expires.", piece.Id);
            }
        }
    }
}

/// <summary>A creation request of either protocol.</summary>
internal sealed record TusCreate(string OwnerId, string AuthorId, QuotaLimits Quota, long? Length, string? Metadata, string Protocol, bool Partial);
