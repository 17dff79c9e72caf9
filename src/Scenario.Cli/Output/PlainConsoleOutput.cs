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
    public async Task<T> TrackAsync<T>(string title, Func<IProgress<UploadProgress>, Task<T>> work)
    {
        var last = (Phase: (UploadPhase?)null, Parts: -1);
        var gate = new Lock();
        var progress = new SyncProgress<UploadProgress>(p =>
        {
            lock (gate)
            {
                if (p.Phase == last.Phase && p.PartsDone == last.Parts)
                {
                    return;
                }
                last = (p.Phase, p.PartsDone);
                error.WriteLine($"{title}: {ProgressText.Describe(p)}");
            }
        });
        return await work(progress).ConfigureAwait(false);
    }
}
