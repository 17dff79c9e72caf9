using System.Diagnostics;
using Scenario.Testing;

namespace Scenario.Cli.Tests;

/// <summary>The live display, as a terminal shows it: the real <c>scenario</c> process in a pseudo-terminal made by <c>script</c>.</summary>
public sealed class PseudoTerminalTests(ServiceFixture service) : IClassFixture<ServiceFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scenario-cli-pty-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Many_files_show_a_total_bar_a_bar_per_file_the_host_and_a_table()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/script"), "needs script(1) from util-linux for a pseudo-terminal");
        var first = Path.Combine(_directory, "first.png");
        var second = Path.Combine(_directory, "second.png");
        File.WriteAllBytes(first, TestFiles.Png());
        File.WriteAllBytes(second, TestFiles.Png(5, 5));
        var cli = CliBuildOutput();

        var (code, screen) = await RunInTerminalAsync($"dotnet {Shell.Quote(cli)} upload {Shell.Quote(first)} {Shell.Quote(second)} --kind image");

        Assert.True(code == 0, screen);
        Assert.Contains($"→ {service.Host.ApiBaseUrl} (SCENARIO_BASE_URL)", screen);
        Assert.Contains("total (2 files)", screen);
        Assert.Contains("first.png (imported", screen);
        Assert.Contains("second.png (imported", screen);
        Assert.Contains("2 uploaded.", screen);
        Assert.Contains("\u001b[", screen); // drawn with terminal escapes: the live display, not plain lines
    }

    /// <summary>
    /// The CLI as its own build left it: this test project's output lacks the CLI's package assemblies that the
    /// ASP.NET Core framework (the test's, not the CLI's) already provides, so <c>scenario.dll</c> cannot run from here.
    /// </summary>
    private static string CliBuildOutput()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scenario.Uploads.slnx")))
        {
            directory = directory.Parent;
        }
        // bin/<Configuration>/<tfm>/ of the test project: the same configuration and framework for the CLI.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(directory!.FullName, "src", "Scenario.Cli", "bin", output.Parent!.Name, output.Name, "scenario.dll");
        Assert.True(File.Exists(path), $"{path} is missing: build src/Scenario.Cli first (the solution's build does).");
        return path;
    }

    private async Task<(int Code, string Screen)> RunInTerminalAsync(string command)
    {
        var start = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "-qefc", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in service.Env)
        {
            start.Environment[name] = value;
        }
        start.Environment["SCENARIO_CONFIG_DIR"] = Path.Combine(_directory, "no-profiles");
        start.Environment["TERM"] = "xterm-256color";
        start.Environment["COLUMNS"] = "160";
        using var process = Process.Start(start)!;
        var screen = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await screen + await errors);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
