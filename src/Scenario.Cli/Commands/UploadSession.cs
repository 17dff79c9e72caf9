using Scenario.Cli.Output;
using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Cli.Commands;

/// <summary>
/// One run of <c>scenario upload</c>: remembers the upload id and phase as progress arrives, so an
/// interruption or a transfer failure can say exactly how to resume.
/// </summary>
internal sealed class UploadSession(ScenarioClient client, Invocation invocation, string path, string? resumeId)
{
    private readonly IConsoleOutput output = invocation.Output;
    private readonly bool json = invocation.Json;
    private readonly string? _resumeId = resumeId;
    private string? _uploadId = resumeId;
    private UploadPhase _phase = UploadPhase.Creating;
    private UploadProgress _last;

    public async Task<int> RunAsync(UploadFileOptions options, CancellationToken cancellationToken)
    {
        Upload upload;
        try
        {
            upload = json
                ? await TransferAsync(options, new SyncProgress<UploadProgress>(_ => { }), cancellationToken).ConfigureAwait(false)
                : await output.TrackAsync(Path.GetFileName(path), p => TransferAsync(options, p, cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Error(_uploadId is null
                ? "Interrupted before the upload was created; nothing was sent."
                : $"Interrupted. Upload {_uploadId} is still pending; resume it with: {ResumeCommand()}");
            return ExitCodes.Interrupted;
        }
        catch (Exception error) when (error is not UploadFailedException && _uploadId is not null && _phase is UploadPhase.Uploading or UploadPhase.Processing)
        {
            var code = CliErrors.Report(error, invocation);
            output.Error(_phase == UploadPhase.Uploading
                ? $"Upload {_uploadId} is still pending; resume it with: {ResumeCommand()}"
                : $"Upload {_uploadId} is still processing; check it with: {invocation.Connection!.Command("uploads", "retrieve", _uploadId)}");
            return code;
        }
        return Report(upload, options.WaitForImport);
    }

    // Runs as printed: the same host and credentials as this run (never the secret), the path quoted for the shell.
    private string ResumeCommand() => invocation.Connection!.Command("upload", Shell.Quote(Path.GetFullPath(path)), "--resume", _uploadId!);

    private Task<Upload> TransferAsync(UploadFileOptions options, IProgress<UploadProgress> display, CancellationToken cancellationToken)
    {
        var tracked = options with
        {
            Progress = new SyncProgress<UploadProgress>(p =>
            {
                _uploadId ??= p.UploadId;
                _phase = p.Phase;
                _last = p;
                display.Report(p);
            }),
        };
        return _resumeId is null
            ? client.Uploads.UploadFileAsync(path, tracked, cancellationToken)
            : client.Uploads.ResumeUploadAsync(_resumeId, path, tracked, cancellationToken);
    }

    private int Report(Upload upload, bool waited)
    {
        var ok = upload.Status == UploadStatus.Imported || (!waited && upload.Status != UploadStatus.Failed);
        if (json)
        {
            output.Json(new UploadRetrieveResponse { Upload = upload });
        }
        else
        {
            var rows = new List<(string, string)> { ("upload", upload.Id), ("status", upload.Status.Value) };
            if (upload.EntityId is { } entity)
            {
                rows.Add((upload.Kind == UploadKind.Model ? "model" : "asset", entity));
            }
            if (upload.Sha256 is { } sha)
            {
                rows.Add(("sha256", sha));
            }
            if (upload.FileSize is { } size)
            {
                rows.Add(("size", Sizes.Format(size)));
            }
            if (_last.PartsTotal > 0)
            {
                var sent = _last.PartsDone - _last.PartsHeld;
                rows.Add(("parts", _last.PartsHeld > 0 ? $"{sent} sent, {_last.PartsHeld} already held" : $"{sent} sent"));
            }
            output.Result(rows);
        }
        return ok ? ExitCodes.Success : ExitCodes.Failed;
    }
}
