using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Scenario.Testing;

namespace Scenario.Cli.Tests;

/// <summary>The <c>scenario</c> command against the real service on loopback.</summary>
public sealed partial class CliEndToEndTests(ServiceFixture service) : IClassFixture<ServiceFixture>, IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("scenario-cli-e2e-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteLarge(long size, int seed)
    {
        var path = Path.Combine(_directory, $"large-{seed}.bin");
        TestFiles.WriteLargeFile(path, size, seed);
        return path;
    }

    [Theory]
    [InlineData("image")]
    [InlineData("audio")]
    [InlineData("model")]
    public async Task Upload_prints_the_entity_and_sha256_and_exits_0(string kind)
    {
        var (bytes, name, contentType) = TestFiles.ValidFileFor(kind);
        var path = Write(name, bytes);

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", kind, "--content-type", contentType);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("status: imported", run.Out);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)), run.Out);
        Assert.Matches(kind == "model" ? "model: \\S+" : "asset: \\S+", run.Out);
    }

    [Fact]
    public async Task Upload_json_prints_the_imported_upload()
    {
        var (bytes, name, _) = TestFiles.ValidFileFor("image");
        var path = Write(name, bytes);

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", "image", "--collection", "col_a", "--collection", "col_b", "--hide", "--json");

        Assert.Equal(0, run.ExitCode);
        var upload = Upload.Parse(run.Out);
        Assert.Equal("imported", upload.Status);
        Assert.Equal(2, upload.Json.GetProperty("assetOptions").GetProperty("collectionIds").GetArrayLength());
    }

    [Fact]
    public async Task A_multipart_upload_shows_plain_progress_when_redirected()
    {
        var path = WriteLarge((11 * MiB) + 5, seed: 7);

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", "asset", "--part-size", "5MiB", "--concurrency", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2/2 parts", run.Err);
        Assert.Contains("imported", run.Err);
    }

    [Fact]
    public async Task Credentials_from_options_override_the_environment()
    {
        var (bytes, name, _) = TestFiles.ValidFileFor("image");
        var path = Write(name, bytes);

        var wrong = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", "image", "--api-secret", "wrong");
        var right = await CliRun.RunAsync(new Dictionary<string, string>(), null, Ct,
            "upload", path, "--kind", "image", "--api-key", service.Host.ApiKey, "--api-secret", service.Host.ApiSecret, "--base-url", service.Host.ApiBaseUrl);

        wrong.AssertOneErrorLine("Authentication failed");
        Assert.Equal(0, right.ExitCode);
    }

    [Fact]
    public async Task A_file_the_service_refuses_prints_its_reason_and_exits_1()
    {
        var path = Write("fake.png", new byte[2000]);

        // --no-sniff: sent as declared, so it is the service that refuses it.
        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", "image", "--no-sniff");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("failed:", run.Err);
    }

    [Fact]
    public async Task Ctrl_C_leaves_a_resumable_upload_and_resume_finishes_it()
    {
        var path = WriteLarge(16 * MiB, seed: 8);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Part 2 never gets through: the "user" presses Ctrl-C once it is on its way.
        using var handler = new StallingHandler(part: 2, onStall: interrupt.Cancel);

        var stopped = await CliRun.RunAsync(service.Env, handler, interrupt.Token, "upload", path, "--kind", "asset", "--part-size", "5MiB", "--concurrency", "1");

        Assert.Equal(ExitCodes.Interrupted, stopped.ExitCode);
        var uploadId = ResumeHint().Match(stopped.Err).Groups[1].Value;
        Assert.StartsWith("scenario upload", ResumeHint().Match(stopped.Err).Value);
        var resumed = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--resume", uploadId);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("status: imported", resumed.Out);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), resumed.Out);
    }

    [Fact]
    public async Task Uploads_commands_mirror_the_api()
    {
        var created = await CliRun.RunAsync(service.Env, null, Ct,
            "uploads", "create", "--file-name", "x.bin", "--content-type", "application/octet-stream", "--file-size", "100", "--parts", "1", "--kind", "asset");
        Assert.Equal(0, created.ExitCode);
        var id = Upload.Parse(created.Out).Id;

        var retrieved = await CliRun.RunAsync(service.Env, null, Ct, "uploads", "retrieve", id);
        var listed = await CliRun.RunAsync(service.Env, null, Ct, "uploads", "list", "--page-size", "5");
        var incomplete = await CliRun.RunAsync(service.Env, null, Ct, "uploads", "complete", id);
        var aborted = await CliRun.RunAsync(service.Env, null, Ct, "uploads", "abort", id);

        Assert.Equal("pending", Upload.Parse(retrieved.Out).Status);
        Assert.Contains(id, listed.Out);
        incomplete.AssertOneErrorLine("parts_missing");
        Assert.Equal("failed", Upload.Parse(aborted.Out).Status);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GeneratedRegex(@"scenario upload \S.* --resume (\S+)")]
    private static partial Regex ResumeHint();
}
