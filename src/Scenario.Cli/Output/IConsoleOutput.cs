using Scenario.Transfers;

namespace Scenario.Cli.Output;

/// <summary>All console output of the CLI goes through here, so it can be live (a terminal) or plain (redirected, tests).</summary>
public interface IConsoleOutput
{
    /// <summary>Standard output, for System.CommandLine's own help and parse errors.</summary>
    TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    TextWriter Err { get; }

    /// <summary>Writes a line of normal output.</summary>
    void Line(string text);

    /// <summary>Writes a key/value result, one row per line.</summary>
    void Result(IReadOnlyList<(string Key, string Value)> rows);

    /// <summary>Writes one line saying what went wrong, to standard error.</summary>
    void Error(string text);

    /// <summary>Writes a value as indented JSON (the API's wire format) to standard output.</summary>
    void Json<T>(T value);

    /// <summary>Writes a table: aligned columns, a header row first.</summary>
    void Table(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows);

    /// <summary>Runs an upload while showing its progress: a live bar on a terminal, plain lines otherwise.</summary>
    Task<T> TrackAsync<T>(string title, Func<IProgress<UploadProgress>, Task<T>> work);

    /// <summary>Runs several uploads under one display: a total bar and one per file on a terminal, prefixed lines otherwise.</summary>
    Task<T> TrackManyAsync<T>(IReadOnlyList<(string Title, long Size)> files, Func<IReadOnlyList<IProgress<UploadProgress>>, Task<T>> work);
}
