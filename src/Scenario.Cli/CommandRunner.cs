using Scenario.Cli.Output;

namespace Scenario.Cli;

/// <summary>Runs a command body and turns whatever it throws into one line and an exit code.</summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>; exceptions are reported through <paramref name="output"/>.</summary>
    public static async Task<int> RunAsync(IConsoleOutput output, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception error)
        {
            return CliErrors.Report(error, output);
        }
    }
}
