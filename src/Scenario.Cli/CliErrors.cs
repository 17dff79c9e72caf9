using Scenario.Cli.Output;
using Scenario.Exceptions;

namespace Scenario.Cli;

/// <summary>Turns any failure into one line and an exit code: users never see a stack trace.</summary>
public static class CliErrors
{
    /// <summary>Writes the line for <paramref name="error"/> and returns the exit code.</summary>
    public static int Report(Exception error, IConsoleOutput output)
    {
        var (message, code) = error switch
        {
            CliInputException e => (e.Message, ExitCodes.BadInput),
            ScenarioConfigurationException e => (e.Message.Replace("pass ApiKey and ApiSecret in ScenarioClientOptions", "pass --api-key and --api-secret", StringComparison.Ordinal), ExitCodes.BadInput),
            UnauthorizedException e => ($"Authentication failed: check the API key and secret ({e.Message}).", ExitCodes.Failed),
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
        output.Error($"error: {message}");
        return code;
    }

    // ArgumentException appends " (Parameter 'x')", which means nothing to a CLI user.
    private static string StripParameter(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
}
