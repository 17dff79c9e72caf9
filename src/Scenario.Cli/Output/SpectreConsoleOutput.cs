using System.Text.Json;
using Scenario.Core;
using Scenario.Transfers;
using Spectre.Console;

namespace Scenario.Cli.Output;

/// <summary>A terminal: a live progress bar with bytes, speed and ETA; colours for errors.</summary>
public sealed class SpectreConsoleOutput(IAnsiConsole console) : IConsoleOutput
{
    /// <inheritdoc />
    public TextWriter Out => Console.Out;

    /// <inheritdoc />
    public TextWriter Err => Console.Error;

    /// <inheritdoc />
    public void Line(string text) => console.WriteLine(text);

    /// <inheritdoc />
    public void Result(IReadOnlyList<(string Key, string Value)> rows)
    {
        var grid = new Grid().AddColumn().AddColumn();
        foreach (var (key, value) in rows)
        {
            grid.AddRow(new Markup($"[bold]{Markup.Escape(key)}[/]"), new Text(value));
        }
        console.Write(grid);
    }

    /// <inheritdoc />
    public void Error(string text) => Console.Error.WriteLine(text);

    /// <inheritdoc />
    public void Json<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, ScenarioJson.Indented));

    /// <inheritdoc />
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        var table = new Table().AddColumns([.. headers.Select(h => new TableColumn(Markup.Escape(h)))]);
        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(cell => new Text(cell))]);
        }
        console.Write(table);
    }

    /// <inheritdoc />
    public Task<T> TrackAsync<T>(string title, Func<IProgress<UploadProgress>, Task<T>> work) =>
        Display().StartAsync(context => work(Bar(context.AddTask(Markup.Escape(title), maxValue: 1), title, null)));

    /// <inheritdoc />
    public Task<T> TrackManyAsync<T>(IReadOnlyList<(string Title, long Size)> files, Func<IReadOnlyList<IProgress<UploadProgress>>, Task<T>> work) =>
        Display().StartAsync(context =>
        {
            var total = context.AddTask($"total ({files.Count} files)", maxValue: Math.Max(1, files.Sum(f => f.Size)));
            var bars = files.Select(f => Bar(context.AddTask(Markup.Escape(f.Title), maxValue: Math.Max(1, f.Size)), f.Title, total)).ToList();
            return work(bars);
        });

    private Progress Display() => console.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
            new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn());

    private static SyncProgress<UploadProgress> Bar(ProgressTask task, string title, ProgressTask? total)
    {
        var counted = 0.0;
        return new SyncProgress<UploadProgress>(p =>
        {
            // Only the bytes this run sends: counting parts a resume found held would inflate speed and ETA.
            task.MaxValue = Math.Max(1, p.TotalBytes - p.BytesHeld);
            task.Value = p.BytesSent - p.BytesHeld;
            task.Description = Markup.Escape($"{title} ({ProgressText.Phase(p.Phase)}, {ProgressText.Parts(p)})");
            if (total is not null)
            {
                lock (total)
                {
                    total.Increment(p.BytesSent - counted);
                    counted = p.BytesSent;
                }
            }
        });
    }
}
