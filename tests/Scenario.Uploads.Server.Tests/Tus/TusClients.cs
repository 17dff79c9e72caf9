using System.Diagnostics;
using System.Text.Json;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>
/// The third-party tus clients as child processes on loopback: tus-js-client in Node.js (tools/tus-clients/upload.mjs,
/// installed by the tests' build from its lockfile) and Debian's python3-tuspy (tools/tus-clients/tuspy_upload.py,
/// run by Debian's /usr/bin/python3, which alone reads the package). Each prints one JSON line: the upload's URL.
/// </summary>
public static class TusClients
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(2);

    public const string DebianPython = "/usr/bin/python3";

    /// <summary>What a client printed: its JSON line (<c>url</c>, <c>stopped</c>…) or, when it failed, its exit code and output.</summary>
    public sealed record Outcome(int ExitCode, string Output, JsonElement? Json)
    {
        public string Url => Json?.TryGetProperty("url", out var url) == true && url.GetString() is { } text
            ? text
            : throw new InvalidOperationException($"The client printed no upload URL (exit code {ExitCode}):\n{Output}");

        /// <summary>The upload's id: the last segment of its tus URL, <c>/v1/tus/{uploadId}</c>.</summary>
        public string UploadId => new Uri(Url).Segments[^1];
    }

    /// <summary>tus-js-client with <paramref name="options"/> as upload.mjs reads them (chunkSize, parallelUploads, protocol…).</summary>
    public static async Task<Outcome> TusJsAsync(ServiceHost host, string file, object options, string? apiKey = null, string? apiSecret = null)
    {
        var script = Path.Combine(ToolsDirectory(), "upload.mjs");
        Assert.True(File.Exists(Path.Combine(ToolsDirectory(), "node_modules", "tus-js-client", "package.json")),
            $"tus-js-client is not installed in {ToolsDirectory()}: build the tests (dotnet build), which runs npm ci there.");
        return await RunAsync("node", [script, Endpoint(host), file, apiKey ?? host.ApiKey, apiSecret ?? host.ApiSecret, JsonSerializer.Serialize(options)]);
    }

    /// <summary>tuspy with <paramref name="options"/> as tuspy_upload.py reads them (chunkSize, checksum, metadata).</summary>
    public static async Task<Outcome> TuspyAsync(ServiceHost host, string file, object options)
    {
        if (Prerequisites.Missing(File.Exists(DebianPython) ? null : $"{DebianPython} (Debian's Python) is missing.") is { } why)
        {
            Assert.Skip(why);
        }
        var check = await ExternalCommand.RunAsync(DebianPython, ["-c", "import tusclient"]);
        if (Prerequisites.Missing(check.Succeeded ? null : "Debian's python3-tuspy is not installed (bash scripts/services/tuspy-install.sh).") is { } missing)
        {
            Assert.Skip(missing);
        }
        var script = Path.Combine(ToolsDirectory(), "tuspy_upload.py");
        return await RunAsync(DebianPython, [script, Endpoint(host), file, host.ApiKey, host.ApiSecret, JsonSerializer.Serialize(options)]);
    }

    public static string Endpoint(ServiceHost host) => $"{host.ApiBaseUrl}/tus";

    private static async Task<Outcome> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Python's requests honours proxy variables: the clients must talk to 127.0.0.1 only, never through a proxy.
        foreach (var variable in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy" })
        {
            start.Environment.Remove(variable);
        }
        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(ClientTimeout);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not end within {ClientTimeout}:\n{await stdout}{await stderr}");
        }
        var output = await stdout;
        return new Outcome(process.ExitCode, output + await stderr, LastJsonLine(output));
    }

    private static JsonElement? LastJsonLine(string output)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        return line is null ? null : JsonDocument.Parse(line).RootElement.Clone();
    }

    private static string ToolsDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scenario.Uploads.slnx")))
        {
            directory = directory.Parent;
        }
        var root = directory?.FullName ?? throw new DirectoryNotFoundException("No Scenario.Uploads.slnx above " + AppContext.BaseDirectory);
        return Path.Combine(root, "tools", "tus-clients");
    }
}
