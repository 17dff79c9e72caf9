using System.Diagnostics;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Quotas;
using Scenario.Uploads.Server.Jobs;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Uploads;

/// <summary>
/// The create endpoint's work: a multipart upload (its storage begun, its job waiting for the complete action)
/// or an import (its job runnable at once: spec, url / huggingface / civitai go pending → validating without
/// a complete action, the job downloads the file).
/// </summary>
public sealed class UploadCreation(
    IBlobStore blobs,
    IdempotentCreates creates,
    JobSignal jobSignal,
    StorageSpace space,
    IOptions<UploadsOptions> options,
    TimeProvider time,
    UploadsMetrics metrics,
    ILogger<UploadCreation> logger)
{
    public async Task<Result<CreatedUpload>> CreateMultipartAsync(
        MultipartCreate request, string ownerId, string authorId, QuotaLimits quota, IdempotentRequest? idempotent, CancellationToken cancellationToken)
    {
        using var activity = StartActivity(UploadSources.Multipart, request.Kind);
        if (idempotent is not null && await creates.ReplayAsync(ownerId, idempotent, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        var upload = NewUpload(ownerId, authorId, request, UploadSources.Multipart, request.FileName) with
        {
            OriginalFileName = request.OriginalFileName,
            ContentType = request.ContentType,
            FileSize = request.FileSize,
            PartsCount = request.Parts,
            // Unknown until the first part arrives (it fixes the part size), unless there is only one part.
            PartSize = PartPlan.KnownAtCreate(request.FileSize, request.Parts)?.PartSize,
        };
        return await CreateWithStorageAsync(upload, quota, idempotent, activity, cancellationToken);
    }

    /// <summary>
    /// An upload whose bytes a resumable protocol appends (tus, RUFH): a multipart upload the service cuts into
    /// parts of <paramref name="partSize"/> itself, of a length that may come later, and with no complete action.
    /// </summary>
    public async Task<Result<CreatedUpload>> CreateAppendedAsync(
        MultipartCreate request, long? fileSize, long partSize, string protocol, string ownerId, string authorId, QuotaLimits quota, CancellationToken cancellationToken)
    {
        using var activity = StartActivity(UploadSources.Multipart, request.Kind);
        activity?.SetTag("scenario.upload.protocol", protocol);
        var plan = fileSize is { } size ? PartPlan.Of(size, partSize) : null;
        var upload = NewUpload(ownerId, authorId, request, UploadSources.Multipart, request.FileName) with
        {
            OriginalFileName = request.OriginalFileName,
            ContentType = request.ContentType,
            FileSize = fileSize,
            PartsCount = plan?.PartsCount,
            PartSize = plan?.PartSize,
            Protocol = protocol,
        };
        return await CreateWithStorageAsync(upload, quota, null, activity, cancellationToken);
    }

    private async Task<Result<CreatedUpload>> CreateWithStorageAsync(
        UploadRecord upload, QuotaLimits quota, IdempotentRequest? idempotent, Activity? activity, CancellationToken cancellationToken)
    {
        if (upload.FileSize is { } fileSize && !space.HasRoomFor(fileSize, out var available))
        {
            return Result<CreatedUpload>.Fail(ErrorCodes.InsufficientStorage,
                $"The service has {available} bytes of free storage for uploads and cannot hold a {fileSize}-byte file. Try again later or ask the operator to free space.");
        }
        upload = upload with { StorageUploadId = await blobs.BeginUploadAsync(upload.StorageKey, upload.ContentType, cancellationToken) };
        Result<CreatedUpload> created;
        try
        {
            created = await creates.StoreAsync(upload, NewJob(upload), runnable: false, quota, idempotent, cancellationToken);
        }
        catch
        {
            // No record points at the blob: remove it rather than leave it for ever.
            await DeleteUnrecordedAsync(upload);
            throw;
        }
        if (!Created(created, activity))
        {
            // Refused (a quota), or another create with the same key made its upload first: this one's storage is nobody's.
            await DeleteUnrecordedAsync(upload);
        }
        return created;
    }

    public async Task<Result<CreatedUpload>> CreateImportAsync(
        CreateUploadRequest request, string ownerId, string authorId, QuotaLimits quota, IdempotentRequest? idempotent, CancellationToken cancellationToken)
    {
        var (source, provider, reference, url) = request switch
        {
            HuggingFaceImport hub => (UploadSources.HuggingFace, UploadProviders.HuggingFace, hub.ModelName, (string?)null),
            CivitaiImport civitai => (UploadSources.Civitai, UploadProviders.Civitai, civitai.ModelUrl, null),
            UrlImport link => (UploadSources.Url, (string?)null, link.Url, link.Url),
            _ => throw new ArgumentException($"Not an import: {request.GetType().Name}.", nameof(request)),
        };
        using var activity = StartActivity(source, request.Kind);
        if (idempotent is not null && await creates.ReplayAsync(ownerId, idempotent, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        // A placeholder name until the download names the file.
        var upload = NewUpload(ownerId, authorId, request, source, PlaceholderName(request)) with
        {
            Provider = provider,
            Url = url,
            SourceReference = reference,
        };
        // Its size is unknown until the download: it counts as one more pending upload.
        var created = await creates.StoreAsync(upload, NewJob(upload), runnable: true, quota, idempotent, cancellationToken);
        if (Created(created, activity))
        {
            jobSignal.Notify();
        }
        return created;
    }

    private static Activity? StartActivity(string source, string kind)
    {
        var activity = UploadsTracing.Source.StartActivity("upload create");
        activity?.SetTag("scenario.upload.source", source);
        activity?.SetTag("scenario.upload.kind", kind);
        return activity;
    }

    /// <summary>Whether this create stored a new upload (counted and traced), rather than being refused or replayed.</summary>
    private bool Created(Result<CreatedUpload> created, Activity? activity)
    {
        if (created.Value is not { Replayed: false, Upload: var upload })
        {
            return false;
        }
        activity?.SetTag("scenario.upload.id", upload.Id);
        metrics.Created(upload.Kind, upload.Source);
        return true;
    }

    private UploadRecord NewUpload(string ownerId, string authorId, CreateUploadRequest request, string source, string fileName)
    {
        var now = time.GetUtcNow();
        var id = Ids.New("upload");
        return new UploadRecord
        {
            Id = id,
            OwnerId = ownerId,
            AuthorId = authorId,
            CreatedAt = now,
            UpdatedAt = now,
            FileName = fileName,
            Kind = request.Kind,
            Source = source,
            Status = UploadStatuses.Pending,
            JobId = Ids.New("job"),
            StorageKey = $"uploads/{id}",
            ExpiresAt = now + options.Value.PendingLifetime,
            AssetOptions = request.AssetOptions,
        };
    }

    private static JobRecord NewJob(UploadRecord upload) => new()
    {
        Id = upload.JobId,
        OwnerId = upload.OwnerId,
        UploadId = upload.Id,
        JobType = "upload",
        Status = JobStatuses.Queued,
        Progress = 0,
        CreatedAt = upload.CreatedAt,
        UpdatedAt = upload.CreatedAt,
        Attempts = 0,
    };

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
}
