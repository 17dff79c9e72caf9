using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scenario.Models;
using Scenario.Testing;
using Scenario.Transfers;

namespace Scenario.Cli.Tests;

/// <summary><c>scenario download</c> against the real service on loopback.</summary>
public sealed partial class DownloadCommandTests(ServiceFixture service) : IClassFixture<ServiceFixture>, IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("scenario-cli-download-").FullName;
    private readonly string _startDirectory = Directory.GetCurrentDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Download_writes_the_file_and_prints_its_path_size_and_sha256()
    {
        var (source, assetId) = await UploadAsync((5 * MiB) + 3, seed: 21);
        var target = Path.Combine(_directory, "copy.bin");

        var run = await CliRun.RunAsync(service.Env, null, Ct, "download", assetId, "-o", target, "--concurrency", "3", "--chunk-size", "1MiB");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
        Assert.Contains($"path: {target}", run.Out);
        Assert.Contains($"sha256: {Sha256(source)}", run.Out);
        Assert.Contains("size: ", run.Out);
        // Redirected output: plain lines, always one per phase, ending with the verified file.
        Assert.Contains("verifying sha256", run.Err);
        var last = run.ErrorLines[^1];
        Assert.StartsWith($"{assetId}: downloaded 100", last);
        Assert.EndsWith("6/6 ranges)", last);
    }

    [Fact]
    public async Task Download_json_prints_the_path_size_and_sha256()
    {
        var (source, assetId) = await UploadAsync(MiB, seed: 22);
        // The process's working directory, restored on dispose; every other test of the suite uses full paths.
        Directory.SetCurrentDirectory(_directory);

        // No -o: the current directory, under the file name the service holds.
        var run = await CliRun.RunAsync(service.Env, null, Ct, "download", assetId, "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var json = JsonDocument.Parse(run.Out).RootElement;
        var path = json.GetProperty("path").GetString()!;
        Assert.Equal(Path.Combine(_directory, "upload-22.bin"), path);
        Assert.Equal(MiB, json.GetProperty("size").GetInt64());
        Assert.Equal(Sha256(source), json.GetProperty("sha256").GetString());
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(path));
        Assert.Empty(run.Err);
    }

    [Fact]
    public async Task An_existing_target_without_overwrite_is_one_line_and_the_bad_input_code()
    {
        var (source, assetId) = await UploadAsync(MiB, seed: 23);
        var target = Path.Combine(_directory, "existing.bin");
        File.WriteAllText(target, "keep me");

        var refused = await CliRun.RunAsync(service.Env, null, Ct, "download", assetId, "-o", target);

        refused.AssertOneErrorLine("already exists: pass --overwrite");
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Equal("keep me", File.ReadAllText(target));
        var replaced = await CliRun.RunAsync(service.Env, null, Ct, "download", assetId, "-o", target, "--overwrite");
        Assert.Equal(ExitCodes.Success, replaced.ExitCode);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
    }

    [Fact]
    public async Task Ctrl_C_keeps_the_partial_file_and_the_printed_command_resumes_it()
    {
        var (source, assetId) = await UploadAsync(6 * MiB, seed: 24);
        var target = Path.Combine(_directory, "interrupted.bin");
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // The third range never arrives: the "user" presses Ctrl-C once it is on its way.
        using var handler = new StallingRanges(fromByte: 2 * MiB, onStall: interrupt.Cancel);

        var stopped = await CliRun.RunAsync(service.Env, handler, interrupt.Token, "download", assetId, "-o", target, "--concurrency", "1", "--chunk-size", "1MiB");

        Assert.Equal(ExitCodes.Interrupted, stopped.ExitCode);
        Assert.True(File.Exists(target + ".partial"));
        Assert.False(File.Exists(target));
        var hint = ResumeHint().Match(stopped.Err);
        Assert.True(hint.Success, stopped.Err);
        Assert.Equal(assetId, hint.Groups[1].Value);
        Assert.Equal(target, hint.Groups[2].Value);
        Assert.Equal(service.Host.ApiBaseUrl.TrimEnd('/'), hint.Groups[3].Value.TrimEnd('/'));
        var counting = new CountingRanges();
        var resumed = await CliRun.RunAsync(service.Env, counting, Ct, "download", hint.Groups[1].Value, "-o", hint.Groups[2].Value);
        Assert.Equal(ExitCodes.Success, resumed.ExitCode);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
        // Ranges 0 and 1 were kept: only the four from byte 2 MiB on were fetched again.
        Assert.Equal([2 * MiB, 3 * MiB, 4 * MiB, 5 * MiB], counting.Starts.Order());
    }

    [Fact]
    public async Task An_unknown_id_fails_with_the_services_message()
    {
        var run = await CliRun.RunAsync(service.Env, null, Ct, "download", "asset_doesnotexist", "-o", Path.Combine(_directory, "x.bin"));

        run.AssertOneErrorLine("No asset with that id");
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Theory]
    [InlineData("--concurrency", "0", "Invalid --concurrency")]
    [InlineData("--chunk-size", "1KiB", "Invalid --chunk-size")]
    [InlineData("--chunk-size", "lots", "Invalid --chunk-size")]
    public async Task Bad_options_are_refused_before_any_request(string option, string value, string expected)
    {
        var handler = new CountingRanges();

        var run = await CliRun.RunAsync(service.Env, handler, Ct, "download", "asset_x", "-o", Path.Combine(_directory, "x.bin"), option, value);

        run.AssertOneErrorLine(expected);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal(0, handler.Requests);
    }

    private async Task<(string Path, string AssetId)> UploadAsync(long size, int seed)
    {
        var path = Path.Combine(_directory, $"upload-{seed}.bin");
        TestFiles.WriteLargeFile(path, size, seed);
        using var client = new ScenarioClient(new ScenarioClientOptions
        {
            ApiKey = service.Host.ApiKey, ApiSecret = service.Host.ApiSecret, BaseUrl = service.Host.ApiBaseUrl, GetEnvironmentVariable = _ => null,
        });
        var upload = await client.Uploads.UploadFileAsync(path, new UploadFileOptions { Kind = UploadKind.Asset }, Ct);
        // The source moves aside, so a download into the same directory under the service's name does not collide.
        var moved = path + ".source";
        File.Move(path, moved);
        return (moved, upload.EntityId!);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose()
    {
        Directory.SetCurrentDirectory(_startDirectory);
        Directory.Delete(_directory, recursive: true);
    }

    // The printed command, as a shell reads it: the id, the target (shell-quoted only when it needs it), then the
    // connection flags the download was started with.
    [GeneratedRegex(@"resume it with: scenario download (\S+) -o (\S+) --base-url (\S+)")]
    private static partial Regex ResumeHint();

    /// <summary>Holds the first ranged GET from a byte on until the request is cancelled, after signalling.</summary>
    private sealed class StallingRanges(long fromByte, Action onStall) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Range?.Ranges.Single().From >= fromByte)
            {
                onStall();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return new HttpResponseMessage(HttpStatusCode.GatewayTimeout);
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Counts every request, and notes where each ranged GET starts.</summary>
    private sealed class CountingRanges() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _requests;

        public int Requests => _requests;

        public System.Collections.Concurrent.ConcurrentQueue<long> Starts { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            if (request.Headers.Range?.Ranges.Single().From is { } from)
            {
                Starts.Enqueue(from);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
