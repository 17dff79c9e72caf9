using Scenario.Cli;
using Scenario.Cli.Output;

namespace Scenario.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output and a controlled environment.</summary>
public sealed record CliRun(int ExitCode, string Out, string Err)
{
    public static async Task<CliRun> RunAsync(
        IReadOnlyDictionary<string, string>? env, HttpMessageHandler? handler, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(new PlainConsoleOutput(output, error), name => env?.GetValueOrDefault(name), handler);
        var code = await CliApp.RunAsync(args, context, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public string[] ErrorLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>One clear line that says what is wrong, and never a stack trace.</summary>
    public void AssertOneErrorLine(string expected)
    {
        Assert.NotEqual(0, ExitCode);
        var line = Assert.Single(ErrorLines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", Err);
        Assert.DoesNotContain("Exception", Err);
    }
}
