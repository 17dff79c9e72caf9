using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Server.Lifecycle;

namespace Scenario.Uploads.Server.Imports;

/// <summary>
/// The download step of an import's job: pending → validating. Resolves the source, streams the file
/// into storage (replacing anything an earlier, interrupted attempt left), fills fileName, contentType,
/// fileSize and config, and commits with a compare-and-set on pending. A permanent failure fails the
/// upload here; a transient one is thrown for the job's retry with backoff.
/// </summary>
public sealed class ImportStep(
    IUploadRepository uploads,
    IEnumerable<IImportSource> sources,
    ImportHttpClient http,
    ImportDownloader downloader,
    UploadTransitions transitions,
    IOptions<ImportsOptions> importOptions,
    IOptions<UploadsOptions> uploadOptions,
    UploadsMetrics metrics,
    ILogger<ImportStep> logger)
{
    public async Task<UploadRecord> DownloadAsync(UploadRecord upload, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var settings = importOptions.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.DownloadTimeout);
        try
        {
            var source = sources.FirstOrDefault(s => s.Source == upload.Source)
                ?? throw new InvalidOperationException($"No import source handles '{upload.Source}'.");
            var plan = await source.PlanAsync(upload, deadline.Token);
            using var response = await http.GetAsync(plan.Url, plan.Credential, deadline.Token);
            StatusFailures.ThrowIfError(response, plan.Subject, plan.UnauthorizedMessage);
            var limit = settings.MaxDownloadSize ?? uploadOptions.Value.MaxFileSize;
            var file = await downloader.SaveAsync(response, upload.StorageKey, plan, limit, progress, deadline.Token);
            metrics.Downloaded(upload.Source, file.Length);
            var name = plan.FileName is { } planned ? FileNames.Sanitize(planned) : ImportNames.FromResponse(response);
            var downloaded = upload with
            {
                Status = UploadStatuses.Validating,
                FileName = name ?? upload.FileName,
                OriginalFileName = plan.FileName ?? name ?? upload.OriginalFileName,
                ContentType = ImportNames.ContentType(response) ?? upload.ContentType,
                FileSize = file.Length,
                ConfigJson = plan.ConfigJson ?? upload.ConfigJson,
            };
            return await transitions.MoveAsync(upload, downloaded, cancellationToken);
        }
        catch (ImportException e) when (e.Permanent)
        {
            return await FailAsync(upload, e.Message, cancellationToken);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(upload,
                $"The download took longer than the limit of {settings.DownloadTimeout} (Imports:DownloadTimeout) and was stopped.", cancellationToken);
        }
    }

    private async Task<UploadRecord> FailAsync(UploadRecord upload, string message, CancellationToken cancellationToken)
    {
        logger.LogInformation("Import {UploadId} failed: {Error}", upload.Id, message);
        await transitions.FailAsync(upload, [upload.Status], message, JobStatuses.Failure, FailureReasons.Import, cancellationToken);
        return await CurrentAsync(upload, cancellationToken);
    }

    private async Task<UploadRecord> CurrentAsync(UploadRecord upload, CancellationToken cancellationToken) =>
        await uploads.FindAsync(upload.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Upload {upload.Id} vanished while its import ran.");
}
