using Scenario.Cli.Output;
using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Cli.Commands;

/// <summary>
/// One file of <c>scenario upload</c>: remembers the upload id and phase as progress arrives, so an interruption or a
/// transfer failure can say exactly how to resume. It never throws: every ending is an <see cref="UploadOutcome"/>.
/// </summary>
internal sealed class UploadSession(ScenarioClient client, Invocation invocation, UploadInput input, string? resumeId)
{
    private readonly string? _resumeId = resumeId;
    private string? _uploadId = resumeId;
    private UploadPhase _phase = UploadPhase.Creating;
    private UploadProgress _last;

    public async Task<UploadOutcome> RunAsync(UploadFileOptions options, IProgress<UploadProgress> display, CancellationToken cancellationToken)
    {
        try
        {
            var upload = await TransferAsync(options, display, cancellationToken).ConfigureAwait(false);
            var ok = upload.Status == UploadStatus.Imported || (!options.WaitForImport && upload.Status != UploadStatus.Failed);
            return new UploadOutcome(input.Name, upload, ok ? ExitCodes.Success : ExitCodes.Failed,
                ok ? null : $"Upload {upload.Id} ended {upload.Status.Value}: {upload.ErrorMessage}", null, _last);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new UploadOutcome(input.Name, null, ExitCodes.Interrupted, "Interrupted.", _uploadId is null
                ? "Interrupted before the upload was created; nothing was sent."
                : $"Interrupted. Upload {_uploadId} is still pending; resume it with: {ResumeCommand()}", _last);
        }
        catch (Exception error)
        {
            var (message, code) = CliErrors.Describe(error, invocation.Connection?.BaseUrl);
            string? hint = null;
            if (error is not UploadFailedException && _uploadId is not null && _phase is UploadPhase.Uploading or UploadPhase.Processing)
            {
                hint = _phase == UploadPhase.Uploading
                    ? $"Upload {_uploadId} is still pending; resume it with: {ResumeCommand()}"
                    : $"Upload {_uploadId} is still processing; check it with: {invocation.Connection!.Command("uploads", "retrieve", _uploadId)}";
            }
            return new UploadOutcome(input.Name, (error as UploadFailedException)?.Upload, code, message, hint, _last, error);
        }
    }

    // Runs as printed: the same host and credentials as this run (never the secret), the path quoted for the shell.
    private string ResumeCommand() =>
        invocation.Connection!.Command("upload", Shell.Quote(Path.GetFullPath(input.Path)), "--resume", _uploadId!);

    private Task<Upload> TransferAsync(UploadFileOptions options, IProgress<UploadProgress> display, CancellationToken cancellationToken)
    {
        var tracked = options with
        {
            FileName = options.FileName ?? input.FileName,
            Progress = new SyncProgress<UploadProgress>(p =>
            {
                _uploadId ??= p.UploadId;
                _phase = p.Phase;
                _last = p;
                display.Report(p);
            }),
        };
        return _resumeId is null
            ? client.Uploads.UploadFileAsync(input.Path, tracked, cancellationToken)
            : client.Uploads.ResumeUploadAsync(_resumeId, input.Path, tracked, cancellationToken);
    }
}
