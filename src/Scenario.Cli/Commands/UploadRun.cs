using Scenario.Cli.Output;
using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Cli.Commands;

/// <summary>Runs the files of one <c>scenario upload</c>: one with its own display, several in parallel under a total bar.</summary>
internal sealed class UploadRun(ScenarioClient client, Invocation invocation, UploadFileOptions options, string? resumeId, UploadKind? kind)
{
    private static readonly IProgress<UploadProgress> Silent = new SyncProgress<UploadProgress>(_ => { });

    public async Task<int> SingleAsync(UploadInputs inputs, CancellationToken cancellationToken)
    {
        var input = inputs.Files[0];
        var outcome = invocation.Chatty
            ? await invocation.Output.TrackAsync(input.Name, p => RunOneAsync(input, p, cancellationToken)).ConfigureAwait(false)
            : await RunOneAsync(input, Silent, cancellationToken).ConfigureAwait(false);
        KeepForResume(inputs, input, outcome);
        UploadReport.Single(invocation, outcome);
        return outcome.ExitCode;
    }

    public async Task<int> ManyAsync(UploadInputs inputs, int parallel, CancellationToken cancellationToken)
    {
        var files = inputs.Files;
        var outcomes = new UploadOutcome[files.Count];
        async Task RunAllAsync(IReadOnlyList<IProgress<UploadProgress>> displays)
        {
            var limits = new ParallelOptions { MaxDegreeOfParallelism = parallel };
            await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, files.Count), limits, async (i, _) =>
                outcomes[i] = await RunOneAsync(files[i], displays[i], cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        if (invocation.Chatty)
        {
            foreach (var problem in inputs.Problems)
            {
                invocation.Output.Error($"error: {problem}");
            }
            await invocation.Output.TrackManyAsync(files.Select(f => (f.Name, f.Size)).ToList(), async displays =>
            {
                await RunAllAsync(displays).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        else
        {
            await RunAllAsync(files.Select(_ => Silent).ToList()).ConfigureAwait(false);
        }
        for (var i = 0; i < files.Count; i++)
        {
            KeepForResume(inputs, files[i], outcomes[i]);
        }
        return UploadReport.Many(invocation, outcomes, inputs.Problems);
    }

    private async Task<UploadOutcome> RunOneAsync(UploadInput input, IProgress<UploadProgress> display, CancellationToken cancellationToken)
    {
        UploadFileOptions fileOptions;
        try
        {
            fileOptions = options with { Kind = resumeId is null ? kind ?? UploadCommand.AutoKind(input.Path) : (UploadKind?)null, FileName = input.FileName };
            if (resumeId is null)
            {
                // Checked here so an invalid plan costs no request; the SDK's message says which sizes work.
                PartPlanner.Plan(input.Size, options.PartSize);
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            var (message, code) = CliErrors.Describe(e, null);
            return new UploadOutcome(input.Name, null, code, message, null, default);
        }
        return await new UploadSession(client, invocation, input, resumeId).RunAsync(fileOptions, display, cancellationToken).ConfigureAwait(false);
    }

    // A copy of standard input is the only copy of those bytes: keep it while the upload can still be resumed from it.
    private static void KeepForResume(UploadInputs inputs, UploadInput input, UploadOutcome outcome)
    {
        if (input.Name == "-" && outcome.Hint?.Contains("--resume", StringComparison.Ordinal) == true)
        {
            inputs.Keep.Add(input.Path);
        }
    }
}
