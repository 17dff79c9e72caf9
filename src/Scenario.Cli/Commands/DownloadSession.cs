using Scenario.Cli.Output;
using Scenario.Exceptions;
using Scenario.Transfers;

namespace Scenario.Cli.Commands;

/// <summary>
/// One run of <c>scenario download</c>: remembers where the bytes go as progress arrives, so an interruption or a
/// failure can say where the partial file is and that the same command continues it.
/// </summary>
internal sealed class DownloadSession(ScenarioClient client, Invocation invocation, string id, string outputPath)
{
    private readonly IConsoleOutput output = invocation.Output;
    private readonly bool json = invocation.Json;

    private string? _target;

    public async Task<int> RunAsync(DownloadOptions options, CancellationToken cancellationToken)
    {
        DownloadResult result;
        try
        {
            result = json
                ? await TransferAsync(options, new SyncProgress<DownloadProgress>(_ => { }), cancellationToken).ConfigureAwait(false)
                : await DownloadProgressDisplay.TrackAsync(output, id, p => TransferAsync(options, p, cancellationToken)).ConfigureAwait(false);
        }
        catch (DownloadTargetExistsException e)
        {
            output.Error($"error: '{e.Path}' already exists: pass --overwrite to replace it.");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Error(PartialExists
                ? $"Interrupted. The partial download is kept in \"{_target}.partial\"; resume it with: {ResumeCommand}"
                : "Interrupted before any byte was written; nothing was kept.");
            return ExitCodes.Interrupted;
        }
        catch (Exception error) when (error is not DownloadVerificationException && PartialExists)
        {
            var code = CliErrors.Report(error, invocation);
            output.Error($"The partial download is kept in \"{_target}.partial\"; resume it with: {ResumeCommand}");
            return code;
        }
        Report(result);
        return ExitCodes.Success;
    }

    private bool PartialExists => _target is not null && File.Exists(_target + ".partial");

    // The full target path, so the hint works from any directory, and the connection flags the download was started
    // with, so it runs as printed; --overwrite is not needed, as the target does not exist yet.
    private string ResumeCommand => invocation.Connection!.Command("download", id, "-o", Shell.Quote(_target!));

    private Task<DownloadResult> TransferAsync(DownloadOptions options, IProgress<DownloadProgress> display, CancellationToken cancellationToken)
    {
        var tracked = new SyncProgress<DownloadProgress>(p =>
        {
            _target ??= p.Path;
            display.Report(p);
        });
        return client.DownloadAsync(id, outputPath, options, tracked, cancellationToken);
    }

    private void Report(DownloadResult result)
    {
        if (json)
        {
            output.Json(result);
            return;
        }
        output.Result(
        [
            ("path", result.Path!),
            ("id", result.EntityId),
            ("size", Sizes.Format(result.Size)),
            ("sha256", result.Sha256),
        ]);
    }
}
