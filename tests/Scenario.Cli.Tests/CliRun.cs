using Scenario.Cli;
using Scenario.Cli.Output;

namespace Scenario.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output and a controlled environment.</summary>
public sealed record CliRun(int ExitCode, string Out, string Err)
{
    // No run reads the real ~/.config/scenario: a test that wants profiles sets SCENARIO_CONFIG_DIR itself.
    private static readonly string NoProfiles = Path.Combine(Path.GetTempPath(), "scenario-cli-tests-no-profiles");

    public static Task<CliRun> RunAsync(
        IReadOnlyDictionary<string, string>? env, HttpMessageHandler? handler, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(env, handler, stdin: null, cancellationToken, args);

    public static async Task<CliRun> RunAsync(
        IReadOnlyDictionary<string, string>? env, HttpMessageHandler? handler, byte[]? stdin, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(new PlainConsoleOutput(output, error), name => env?.GetValueOrDefault(name) ?? Fallback(name), handler)
        {
            OpenStandardInput = () => new MemoryStream(stdin ?? []),
        };
        var code = await CliApp.RunAsync(args, context, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private static string? Fallback(string name) => name == "SCENARIO_CONFIG_DIR" ? NoProfiles : null;

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
