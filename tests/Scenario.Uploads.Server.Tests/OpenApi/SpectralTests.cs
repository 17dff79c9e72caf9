using System.Diagnostics;
using System.Text.Json;

namespace Scenario.Uploads.Server.Tests.OpenApi;

/// <summary>
/// The document the running service serves, linted by Spectral with its OpenAPI rules and the OWASP API Security
/// ruleset (tools/spectral, installed by the build from its lockfile). Any error or warning fails, except those
/// tools/spectral/.spectral.yaml accepts, each with its reason there.
/// </summary>
public sealed class SpectralTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan LintTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_served_document_passes_Spectral_and_the_OWASP_ruleset()
    {
        var tools = Path.Combine(RepositoryRoot(), "tools", "spectral");
        var cli = Path.Combine(tools, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js");
        Assert.True(File.Exists(cli), $"Spectral is not installed in {tools}: build the tests (dotnet build), which runs npm ci there.");
        using var client = new HttpClient { BaseAddress = fixture.Host.BaseUrl };
        var document = await client.GetStringAsync("openapi/v1.json");
        var work = Directory.CreateTempSubdirectory("spectral-");
        try
        {
            var documentPath = Path.Combine(work.FullName, "openapi.json");
            var resultsPath = Path.Combine(work.FullName, "results.json");
            await File.WriteAllTextAsync(documentPath, document);

            var (exitCode, output) = await RunAsync("node", cli, "lint", documentPath, "--ruleset", Path.Combine(tools, ".spectral.yaml"),
                "--format", "json", "--output", resultsPath, "--fail-severity", "warn");

            Assert.True(File.Exists(resultsPath), $"Spectral wrote no results (exit code {exitCode}):\n{output}");
            var findings = Findings(await File.ReadAllTextAsync(resultsPath));
            Assert.True(findings.Count == 0, $"Spectral found {findings.Count} problem(s) in /openapi/v1.json:\n{string.Join('\n', findings)}");
            Assert.True(exitCode == 0, $"Spectral exited with {exitCode}:\n{output}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // Severity 0 is an error, 1 a warning; information and hints do not fail.
    private static List<string> Findings(string results)
    {
        using var json = JsonDocument.Parse(results);
        return
        [
            .. json.RootElement.EnumerateArray()
                .Where(r => r.GetProperty("severity").GetInt32() <= 1)
                .Select(r => $"{r.GetProperty("code").GetString()} at /{string.Join('/', r.GetProperty("path").EnumerateArray().Select(p => p.ToString()))}: "
                    + r.GetProperty("message").GetString()),
        ];
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(LintTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Spectral did not finish within {LintTimeout}.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scenario.Uploads.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("No Scenario.Uploads.slnx above " + AppContext.BaseDirectory);
    }
}
