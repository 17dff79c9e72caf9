using System.Text.Json;
using Scenario.Core;
using Scenario.Transfers;

namespace Scenario.Cli.Output;

/// <summary>Plain lines, for redirected output, logs and tests: one progress line per part and per phase.</summary>
public sealed class PlainConsoleOutput(TextWriter output, TextWriter error) : IConsoleOutput
{
    /// <inheritdoc />
    public TextWriter Out => output;

    /// <inheritdoc />
    public TextWriter Err => error;

    /// <inheritdoc />
    public void Line(string text) => output.WriteLine(text);

    /// <inheritdoc />
    public void Result(IReadOnlyList<(string Key, string Value)> rows)
    {
        foreach (var (key, value) in rows)
        {
            output.WriteLine($"{key}: {value}");
        }
    }

    /// <inheritdoc />
    public void Error(string text) => error.WriteLine(text);

    /// <inheritdoc />
    public void Json<T>(T value) => output.WriteLine(JsonSerializer.Serialize(value, ScenarioJson.Indented));

    /// <inheritdoc />
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend([.. headers]))
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    /// <inheritdoc />
    public Task<T> TrackAsync<T>(string title, Func<IProgress<UploadProgress>, Task<T>> work) => work(Lines(title));

    /// <inheritdoc />
    public Task<T> TrackManyAsync<T>(IReadOnlyList<(string Title, long Size)> files, Func<IReadOnlyList<IProgress<UploadProgress>>, Task<T>> work) =>
        work([.. files.Select(f => Lines(f.Title))]);

    // One line per part and per phase: the reports in between only move the byte count.
    private SyncProgress<UploadProgress> Lines(string title)
    {
        var last = (Phase: (UploadPhase?)null, Parts: -1);
        return new SyncProgress<UploadProgress>(p =>
        {
            lock (error)
            {
                if (p.Phase == last.Phase && p.PartsDone == last.Parts)
                {
                    return;
                }
                last = (p.Phase, p.PartsDone);
                error.WriteLine($"{title}: {ProgressText.Describe(p)}");
            }
        });
    }
}
