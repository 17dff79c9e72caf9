using System.Text.Json.Serialization;
using Scenario.Exceptions;

namespace Scenario.Cli;

/// <summary>Turns any failure into one line and an exit code: users never see a stack trace.</summary>
public static class CliErrors
{
    /// <summary>Writes the line (or the JSON error) for <paramref name="error"/> and returns the exit code.</summary>
    public static int Report(Exception error, Invocation invocation)
    {
        var (message, exitCode) = Describe(error, invocation.Connection?.BaseUrl);
        Write(invocation, message, exitCode, error);
        return exitCode;
    }

    /// <summary>Writes an error already put into words, as a line or as JSON.</summary>
    public static void Write(Invocation invocation, string message, int exitCode, Exception? error = null, string? hint = null)
    {
        if (invocation.Json)
        {
            var api = error as ScenarioApiException;
            invocation.Output.Json(new ErrorJson(new ErrorBody(message, api?.Code, api is null ? null : (int)api.StatusCode, exitCode, hint)));
        }
        else
        {
            invocation.Output.Error($"error: {message}");
        }
    }

    /// <summary>The message and exit code of <paramref name="error"/>; <paramref name="host"/> is named when it answered 401 or 404.</summary>
    public static (string Message, int ExitCode) Describe(Exception error, string? host) => error switch
    {
        CliInputException e => (e.Message, ExitCodes.BadInput),
        ContentMismatchException e => ($"{e.Message} Pass --no-sniff to send it anyway.", ExitCodes.BadInput),
        ScenarioConfigurationException e => (e.Message.Replace("pass ApiKey and ApiSecret in ScenarioClientOptions", "pass --api-key and --api-secret", StringComparison.Ordinal), ExitCodes.BadInput),
        UnauthorizedException e => ($"Authentication failed at {host}: check the API key and secret ({e.Message}).", ExitCodes.Failed),
        NotFoundException e => ($"{e.Message} ({host} answered 404{V1Hint(host)})", ExitCodes.Failed),
        UploadFailedException e => (e.Message, ExitCodes.Failed),
        ScenarioApiException e => (e.Message, ExitCodes.Failed),
        ScenarioConnectionException e => (e.Message, ExitCodes.Unavailable),
        ScenarioException e => (e.Message, ExitCodes.Failed),
        ArgumentException e => (StripParameter(e), ExitCodes.BadInput),
        FileNotFoundException e => ($"File not found: {e.FileName ?? e.Message}", ExitCodes.BadInput),
        UnauthorizedAccessException or IOException => ($"Cannot read the file: {error.Message}", ExitCodes.BadInput),
        OperationCanceledException => ("Interrupted.", ExitCodes.Interrupted),
        _ => ($"Unexpected error ({error.GetType().Name}): {error.Message}", ExitCodes.Failed),
    };

    // The API lives under /v1: a base URL without it reaches the host but no endpoint.
    private static string V1Hint(string? host) =>
        host is not null && !host.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal)
            ? $"; did you mean {host.TrimEnd('/')}/v1?"
            : "";

    // ArgumentException appends " (Parameter 'x')", which means nothing to a CLI user.
    private static string StripParameter(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private sealed record ErrorJson([property: JsonPropertyName("error")] ErrorBody Error);

    private sealed record ErrorBody(string Message, string? Code, int? Status, int ExitCode, string? Hint);
}
