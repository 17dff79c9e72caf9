using System.CommandLine;

namespace Scenario.Cli;

/// <summary>Runs a command body and turns whatever it throws into one line (or, with <c>--json</c>, one JSON object) and an exit code.</summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/> for one invocation; exceptions are reported through its output.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CliContext context, Func<Invocation, Task<int>> body)
    {
        var invocation = new Invocation(parse, context);
        try
        {
            return await body(invocation).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            return CliErrors.Report(error, invocation);
        }
    }
}
