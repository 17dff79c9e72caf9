using Microsoft.Extensions.Options;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Quotas;
using Scenario.Uploads.Server.Jobs;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Quotas;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Uploads;

/// <summary>The upload lifecycle behind the endpoints: create, complete, abort.</summary>
public sealed class UploadWorkflow(
    IUploadRepository uploads,
    IBlobStore blobs,
    PartInventory partInventory,
    JobSignal jobSignal,
    UploadTransitions transitions,
    UploadBytes bytes,
    StorageSpace space,
    IOptions<UploadsOptions> options,
    TimeProvider time,
    UploadsMetrics metrics,
    ILogger<UploadWorkflow> logger)
{
    public async Task<Result<CreatedUpload>> CreateMultipartAsync(
        MultipartCreate request, string ownerId, string authorId, QuotaLimits quota, IdempotentRequest? idempotent, CancellationToken cancellationToken)
    {
        using var activity = UploadsTracing.Source.StartActivity("upload create");
        activity?.SetTag("scenario.upload.source", UploadSources.Multipart);
        activity?.SetTag("scenario.upload.kind", request.Kind);
        var (fileSize, parts) = (request.FileSize, request.Parts);
        if (idempotent is not null && await ReplayAsync(ownerId, idempotent, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        if (!space.HasRoomFor(fileSize, out var available))
        {
            return Result<CreatedUpload>.Fail(ErrorCodes.InsufficientStorage,
                $"The service has {available} bytes of free storage for uploads and cannot hold a {fileSize}-byte file. Try again later or ask the operator to free space.");
        }
        var now = time.GetUtcNow();
        var id = Ids.New("upload");
        var upload = new UploadRecord
        {
            Id = id,
            OwnerId = ownerId,
            AuthorId = authorId,
            CreatedAt = now,
            UpdatedAt = now,
            FileName = request.FileName,
            OriginalFileName = request.OriginalFileName,
            Kind = request.Kind,
            Source = UploadSources.Multipart,
            Status = UploadStatuses.Pending,
            JobId = Ids.New("job"),
            StorageKey = $"uploads/{id}",
            ExpiresAt = now + options.Value.PendingLifetime,
            AssetOptions = request.AssetOptions,
            ContentType = request.ContentType,
            FileSize = fileSize,
            PartsCount = parts,
            // Unknown until the first part arrives (it fixes the part size), unless there is only one part.
            PartSize = PartPlan.KnownAtCreate(fileSize, parts)?.PartSize,
        };
        upload = upload with { StorageUploadId = await blobs.BeginUploadAsync(upload.StorageKey, upload.ContentType, cancellationToken) };
        var job = NewJob(upload, now);
        Result<CreatedUpload> created;
        try
        {
            created = await StoreAsync(upload, job, runnable: false, quota, idempotent, cancellationToken);
        }
        catch
        {
            // No record points at the blob: remove it rather than leave it for ever.
            await DeleteUnrecordedAsync(upload);
            throw;
        }
        if (created.Value?.Replayed != false)
        {
            // Refused (a quota), or another create with the same key made its upload first: this one's storage is nobody's.
            await DeleteUnrecordedAsync(upload);
        }
        else
        {
            activity?.SetTag("scenario.upload.id", upload.Id);
            metrics.Created(upload.Kind, upload.Source);
        }
        return created;
    }

    /// <summary>
    /// Creates a url, huggingface or civitai upload: pending, with its job runnable at once (spec: url /
    /// huggingface / civitai go pending → validating without a complete action). The job downloads the file.
    /// </summary>
    public async Task<Result<CreatedUpload>> CreateImportAsync(
        CreateUploadRequest request, string ownerId, string authorId, QuotaLimits quota, IdempotentRequest? idempotent, CancellationToken cancellationToken)
    {
        using var activity = UploadsTracing.Source.StartActivity("upload create");
        if (idempotent is not null && await ReplayAsync(ownerId, idempotent, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        var now = time.GetUtcNow();
        var id = Ids.New("upload");
        var (source, provider, reference, url) = request switch
        {
            HuggingFaceImport hub => (UploadSources.HuggingFace, UploadProviders.HuggingFace, hub.ModelName, (string?)null),
            CivitaiImport civitai => (UploadSources.Civitai, UploadProviders.Civitai, civitai.ModelUrl, null),
            UrlImport link => (UploadSources.Url, (string?)null, link.Url, link.Url),
            _ => throw new ArgumentException($"Not an import: {request.GetType().Name}.", nameof(request)),
        };
        var upload = new UploadRecord
        {
            Id = id,
            OwnerId = ownerId,
            AuthorId = authorId,
            CreatedAt = now,
            UpdatedAt = now,
            // A placeholder until the download names the file.
            FileName = PlaceholderName(request),
            Kind = request.Kind,
            Source = source,
            Provider = provider,
            Url = url,
            SourceReference = reference,
            Status = UploadStatuses.Pending,
            JobId = Ids.New("job"),
            StorageKey = $"uploads/{id}",
            ExpiresAt = now + options.Value.PendingLifetime,
            AssetOptions = request.AssetOptions,
        };
        // Its size is unknown until the download: it counts as one more pending upload.
        var created = await StoreAsync(upload, NewJob(upload, now), runnable: true, quota, idempotent, cancellationToken);
        if (created.Value?.Replayed == false)
        {
            activity?.SetTag("scenario.upload.source", source);
            activity?.SetTag("scenario.upload.kind", upload.Kind);
            activity?.SetTag("scenario.upload.id", upload.Id);
            metrics.Created(upload.Kind, source);
            jobSignal.Notify();
        }
        return created;
    }

    /// <summary>
    /// Stores the upload, under its idempotency key when it has one. When a concurrent create with the same
    /// key stored its upload first, that one's answer (<see cref="ReplayAsync"/>) instead.
    /// </summary>
    private async Task<Result<CreatedUpload>> StoreAsync(
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
    private async Task<Result<CreatedUpload>?> ReplayAsync(
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

    /// <summary>
    /// Removes what the store began for an upload that was never recorded (on local disk nothing exists before
    /// the first part, and deleting nothing is no error); a failure is logged, not the client's answer.
    /// </summary>
    private async Task DeleteUnrecordedAsync(UploadRecord upload)
    {
        try
        {
            await blobs.DeleteAsync(upload.StorageKey, upload.StorageUploadId, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            logger.LogWarning(e, "Could not remove the storage begun for refused upload {UploadId}.", upload.Id);
        }
    }

    private static string PlaceholderName(CreateUploadRequest request) => request switch
    {
        HuggingFaceImport hub => FileNames.Sanitize(hub.ModelName.Split('@')[0].Replace('/', '-')) ?? "model",
        CivitaiImport => "civitai-model",
        UrlImport link => Imports.ImportNames.FromUrl(new Uri(link.Url)) ?? "download",
        _ => "upload",
    };

    private static JobRecord NewJob(UploadRecord upload, DateTimeOffset now) => new()
    {
        Id = upload.JobId,
        OwnerId = upload.OwnerId,
        UploadId = upload.Id,
        JobType = "upload",
        Status = JobStatuses.Queued,
        Progress = 0,
        CreatedAt = now,
        UpdatedAt = now,
        Attempts = 0,
    };

    /// <summary>
    /// The complete action (spec: missing parts → 400 listing them; again after pending → no-op; on
    /// failed → 409). Returns the upload, or the problem.
    /// </summary>
    public async Task<Result<UploadRecord>> CompleteAsync(UploadRecord upload, QuotaLimits quota, CancellationToken cancellationToken)
    {
        if (upload.Status == UploadStatuses.Failed)
        {
            return Result<UploadRecord>.Fail(ErrorCodes.UploadFailed, $"The upload failed and cannot be completed: {upload.ErrorMessage} Create a new upload.");
        }
        if (upload.Status != UploadStatuses.Pending || upload.Source != UploadSources.Multipart)
        {
            // Past pending, or an import, whose job is already at work: nothing for the client to complete.
            return Result<UploadRecord>.Ok(upload);
        }
        // Where clients PUT straight to the store, the store is asked which parts it holds (clients send no
        // ETags), and the part size is judged from them: nothing checked the parts on their way in.
        long? verifiedPartSize = null;
        if (partInventory.StoreKeepsParts)
        {
            var fit = PartPlan.Fit(upload.FileSize!.Value, upload.PartsCount!.Value, await partInventory.ListAsync(upload, cancellationToken));
            if (fit.Unfit.Count > 0)
            {
                return MissingParts(fit.Unfit, fit.Plan);
            }
            verifiedPartSize = fit.Plan!.PartSize;
        }
        var outcome = await uploads.CompleteAsync(upload.Id, verifiedPartSize, quota, time.GetUtcNow(), cancellationToken);
        if (outcome.MissingParts.Count > 0)
        {
            return MissingParts(outcome.MissingParts, upload.Plan);
        }
        if (outcome.Breach is { } breach)
        {
            return Result<UploadRecord>.Fail(QuotaProblem.For(breach, atComplete: true));
        }
        if (outcome.Completed)
        {
            metrics.Completed(upload.Kind, upload.Source);
            jobSignal.Notify();
            return Result<UploadRecord>.Ok(outcome.Upload!);
        }
        // Someone else moved it on between our read and the transaction: answer as if we had been second.
        var current = outcome.Upload ?? upload;
        return current.Status == UploadStatuses.Failed
            ? Result<UploadRecord>.Fail(ErrorCodes.UploadFailed, $"The upload failed and cannot be completed: {current.ErrorMessage} Create a new upload.")
            : Result<UploadRecord>.Ok(current);
    }

    /// <summary>Our extension: abort a pending upload; its bytes are deleted.</summary>
    public async Task<Result<UploadRecord>> AbortAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        if (upload.Status == UploadStatuses.Failed)
        {
            return Result<UploadRecord>.Ok(upload);
        }
        if (upload.Status != UploadStatuses.Pending)
        {
            return Result<UploadRecord>.Fail(ErrorCodes.UploadProcessing,
                $"The upload is {upload.Status}: it was completed and can no longer be aborted.");
        }
        const string message = "The upload was aborted by the client.";
        if (!await transitions.FailAsync(upload, [upload.Status], message, JobStatuses.Canceled, FailureReasons.Aborted, cancellationToken))
        {
            var current = await uploads.FindAsync(upload.Id, cancellationToken) ?? upload;
            return await AbortAsync(current, cancellationToken);
        }
        await bytes.DeleteAsync(upload, cancellationToken);
        return Result<UploadRecord>.Ok(await uploads.FindAsync(upload.Id, cancellationToken) ?? upload);
    }

    private static Result<UploadRecord> MissingParts(IReadOnlyList<int> missing, PartPlan? plan) =>
        Result<UploadRecord>.Fail(ErrorCodes.PartsMissing,
            $"The service does not hold every part yet (or holds one of the wrong size{PartSizeHint(plan)}); upload these parts, then complete again: {Ranges(missing)}.",
            new Dictionary<string, object?> { ["missingParts"] = missing });

    private static string PartSizeHint(PartPlan? plan) => plan is null
        ? ""
        : $": every part but the last must be {plan.PartSize} bytes and the last {plan.SizeOf(plan.PartsCount)}";

    /// <summary>"1-3, 7, 9-12": a 10,000-part list stays readable.</summary>
    internal static string Ranges(IReadOnlyList<int> numbers)
    {
        var ranges = new List<string>();
        for (var i = 0; i < numbers.Count;)
        {
            var j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1)
            {
                j++;
            }
            ranges.Add(i == j ? $"{numbers[i]}" : $"{numbers[i]}-{numbers[j]}");
            i = j + 1;
        }
        return string.Join(", ", ranges);
    }
}
