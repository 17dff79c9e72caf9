using Scenario.Cli.Output;

namespace Scenario.Cli;

/// <summary>What the CLI talks to: the console, the environment, standard input and (for tests) an HTTP handler.</summary>
/// <param name="Output">Where everything is written.</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable.</param>
/// <param name="HttpMessageHandler">Sends the HTTP requests; the default handler when null.</param>
public sealed record CliContext(
    IConsoleOutput Output,
    Func<string, string?> GetEnvironmentVariable,
    HttpMessageHandler? HttpMessageHandler = null)
{
    /// <summary>Opens standard input (the secret of <c>--api-secret-stdin</c>, the file <c>-</c>).</summary>
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;

    /// <summary>Asks for a value on the terminal; hidden input when the flag is true. Null when there is no terminal to ask on.</summary>
    public Func<string, bool, string?>? Prompt { get; init; }

    /// <summary>The real console and environment: a live display unless output is redirected.</summary>
    public static CliContext FromProcess() => new(
        Console.IsOutputRedirected || Console.IsErrorRedirected
            ? new PlainConsoleOutput(Console.Out, Console.Error)
            : new SpectreConsoleOutput(Spectre.Console.AnsiConsole.Console),
        Environment.GetEnvironmentVariable)
    {
        Prompt = Console.IsInputRedirected ? null : TerminalPrompt.Ask,
    };
}
