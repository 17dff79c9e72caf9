using System.Diagnostics;
using Scenario.Transfers;
using Spectre.Console;

namespace Scenario.Cli.Output;

/// <summary>
/// Shows a download's progress: a live bar on a terminal (the console output is Spectre's), otherwise plain lines
/// on standard error, one per phase and at most one a second in between, so a log of a large download stays short.
/// </summary>
public static class DownloadProgressDisplay
{
    /// <summary>The shortest pause between two plain progress lines of the same phase.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(1);

    /// <summary>Runs <paramref name="work"/> while showing the progress it reports.</summary>
    public static Task<T> TrackAsync<T>(IConsoleOutput output, string title, Func<IProgress<DownloadProgress>, Task<T>> work) =>
        output is SpectreConsoleOutput ? LiveAsync(AnsiConsole.Console, title, work) : PlainAsync(output.Err, title, work);

    /// <summary>Words for one report: phase, percentage, bytes and ranges.</summary>
    public static string Describe(DownloadProgress p) => p.Phase == DownloadPhase.Resolving
        ? Phase(p.Phase)
        : $"{Phase(p.Phase)} {p.Fraction:P0} ({Sizes.Format(p.BytesReceived)} of {Sizes.Format(p.TotalBytes)}, {p.ChunksDone}/{p.ChunksTotal} ranges)";

    private static string Phase(DownloadPhase phase) => phase switch
    {
        DownloadPhase.Resolving => "resolving",
        DownloadPhase.Downloading => "downloading",
        DownloadPhase.Verifying => "verifying sha256",
        DownloadPhase.Completed => "downloaded",
        _ => phase.ToString(),
    };

    private static async Task<T> PlainAsync<T>(TextWriter error, string title, Func<IProgress<DownloadProgress>, Task<T>> work)
    {
        var gate = new Lock();
        DownloadPhase? lastPhase = null;
        var sinceLast = Stopwatch.StartNew();
        var progress = new SyncProgress<DownloadProgress>(p =>
        {
            lock (gate)
            {
                if (p.Phase == lastPhase && sinceLast.Elapsed < PlainInterval)
                {
                    return;
                }
                lastPhase = p.Phase;
                sinceLast.Restart();
                error.WriteLine($"{title}: {Describe(p)}");
            }
        });
        return await work(progress).ConfigureAwait(false);
    }

    private static Task<T> LiveAsync<T>(IAnsiConsole console, string title, Func<IProgress<DownloadProgress>, Task<T>> work) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                var progress = new SyncProgress<DownloadProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.TotalBytes);
                    task.Value = p.BytesReceived;
                    var name = p.Path is null ? title : Path.GetFileName(p.Path);
                    task.Description = Markup.Escape($"{name} ({Phase(p.Phase)}, {p.ChunksDone}/{p.ChunksTotal} ranges)");
                });
                return await work(progress).ConfigureAwait(false);
            });
}
