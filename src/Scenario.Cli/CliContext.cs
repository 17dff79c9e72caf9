using Scenario.Cli.Output;

namespace Scenario.Cli;

/// <summary>What the CLI talks to: the console, the environment and (for tests) an HTTP handler.</summary>
/// <param name="Output">Where everything is written.</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable.</param>
/// <param name="HttpMessageHandler">Sends the HTTP requests; the default handler when null.</param>
public sealed record CliContext(
    IConsoleOutput Output,
    Func<string, string?> GetEnvironmentVariable,
    HttpMessageHandler? HttpMessageHandler = null)
{
    /// <summary>The real console and environment: a live display unless output is redirected.</summary>
    public static CliContext FromProcess() => new(
        Console.IsOutputRedirected || Console.IsErrorRedirected
            ? new PlainConsoleOutput(Console.Out, Console.Error)
            : new SpectreConsoleOutput(Spectre.Console.AnsiConsole.Console),
        Environment.GetEnvironmentVariable);
}
