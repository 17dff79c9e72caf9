using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Services;

namespace Scenario.Transfers;

/// <summary>One file upload, new or resumed: create (or retrieve), send the missing parts in parallel, complete, wait.</summary>
internal sealed class UploadTransfer
{
    private readonly IUploadService _service;
    private readonly HttpClient _partClient;
    private readonly UploadFileOptions _options;
    private readonly ProgressTracker _tracker;

    public UploadTransfer(IUploadService service, HttpClient partClient, UploadFileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1, nameof(options.Concurrency));
        ArgumentOutOfRangeException.ThrowIfNegative(options.PartRetries, nameof(options.PartRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, 4096, nameof(options.BufferSize));
        (_service, _partClient, _options) = (service, partClient, options);
        _tracker = new ProgressTracker(options.Progress, options.ProgressInterval);
    }

    public async Task<Upload> UploadAsync(IPartSource source, CancellationToken cancellationToken)
    {
        var kind = _options.Kind ?? throw new ArgumentException("UploadFileOptions.Kind is required for a new upload.", nameof(_options.Kind));
        var fileName = _options.FileName!;
        var plan = PartPlanner.Plan(source.Length, _options.PartSize);
        var sniffed = _options.SniffContent
            ? await ContentCheck.EnsureAcceptableAsync(source, kind, _options.ContentType, cancellationToken).ConfigureAwait(false)
            : null;
        _tracker.SetPhase(UploadPhase.Creating);
        var created = await _service.CreateAsync(new UploadCreateParams
        {
            FileName = fileName,
            ContentType = _options.ContentType ?? sniffed?.ContentType ?? ContentTypes.Guess(fileName),
            FileSize = source.Length,
            Parts = plan.PartsCount,
            Kind = kind,
            AssetOptions = _options.AssetOptions,
        }, cancellationToken).ConfigureAwait(false);
        return await SendAndFinishAsync(created.Upload, source, plan, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Upload> ResumeAsync(string uploadId, IPartSource source, CancellationToken cancellationToken)
    {
        var upload = (await _service.RetrieveAsync(uploadId, cancellationToken).ConfigureAwait(false)).Upload;
        if (upload.Status == UploadStatus.Failed)
        {
            throw new UploadFailedException(upload);
        }
        if (upload.FileSize is { } expected && expected != source.Length)
        {
            throw new ArgumentException($"The file has {source.Length} bytes but upload {uploadId} expects {expected}: is it the same file?");
        }
        var count = upload.PartsCount ?? upload.Parts?.Count ?? 1;
        // The part size the upload's first part fixed (whoever sent it); any valid one while none is held.
        var plan = upload.PartSize is { } fixedSize && count > 1
            ? new UploadPartPlan(source.Length, count, fixedSize)
            : PartPlanner.FromCount(source.Length, count);
        if (upload.Status != UploadStatus.Pending)
        {
            // Every part is already in; only the wait is left.
            _tracker.Start(upload.Id, source.Length, plan.PartsCount);
            return await FinishAsync(upload, cancellationToken).ConfigureAwait(false);
        }
        return await SendAndFinishAsync(upload, source, plan, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Upload> SendAndFinishAsync(Upload upload, IPartSource source, UploadPartPlan plan, CancellationToken cancellationToken)
    {
        if (upload.PartsCount is { } count && count != plan.PartsCount)
        {
            throw new ScenarioException($"Upload {upload.Id} has {count} parts but {plan.PartsCount} were planned.");
        }
        _tracker.Start(upload.Id, source.Length, plan.PartsCount);
        var urls = new PartUrls(_service, upload, _options.UrlRefreshMargin);
        var logger = (_service as IUploadTransferHost)?.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var sender = new PartSender(_partClient, source, urls, _tracker, _options, logger);
        var missing = new List<int>();
        foreach (var part in upload.Parts ?? [])
        {
            // A part the service holds at the planned size is kept; anything else is sent (again).
            if (part.Uploaded == true && (part.Size is null || part.Size == plan.SizeOf(part.Number)))
            {
                _tracker.PartHeld(plan.SizeOf(part.Number));
            }
            else
            {
                missing.Add(part.Number);
            }
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(missing, parallel, (number, token) =>
            new ValueTask(sender.SendAsync(number, plan.OffsetOf(number), plan.SizeOf(number), token))).ConfigureAwait(false);
        _tracker.SetPhase(UploadPhase.Completing);
        var completed = (await _service.CompleteAsync(upload.Id, cancellationToken).ConfigureAwait(false)).Upload;
        return await FinishAsync(completed, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Upload> FinishAsync(Upload upload, CancellationToken cancellationToken)
    {
        if (!_options.WaitForImport && upload.Status != UploadStatus.Failed)
        {
            return upload;
        }
        _tracker.SetPhase(UploadPhase.Processing);
        var final = await ImportWaiter.WaitAsync(_service, upload.Id, _options.ImportTimeout, upload, cancellationToken).ConfigureAwait(false);
        if (final.Status == UploadStatus.Failed)
        {
            _tracker.SetPhase(UploadPhase.Failed);
            throw new UploadFailedException(final);
        }
        _tracker.SetPhase(UploadPhase.Imported);
        return final;
    }
}
