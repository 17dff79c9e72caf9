using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scenario.Testing;

namespace Scenario.Cli.Tests;

/// <summary><c>scenario configure</c>, profiles, the order of the sources, naming the host, and a resume command that runs as printed.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class ProfileTests(ServiceFixture service) : IClassFixture<ServiceFixture>, IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("scenario-cli-profiles-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConfigDir => Path.Combine(_directory, "config");

    private Dictionary<string, string> OnlyConfig => new() { ["SCENARIO_CONFIG_DIR"] = ConfigDir };

    private async Task ConfigureAsync(string name, string baseUrl, string secret)
    {
        var run = await CliRun.RunAsync(OnlyConfig, null, Encoding.UTF8.GetBytes(secret + "\n"), Ct,
            "configure", "--profile", name, "--base-url", baseUrl, "--api-key", service.Host.ApiKey, "--api-secret-stdin");
        Assert.Equal(0, run.ExitCode);
    }

    private string WriteImage()
    {
        var (bytes, name, _) = TestFiles.ValidFileFor("image");
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task Configure_writes_an_owner_only_profile_that_later_commands_use_and_name()
    {
        await ConfigureAsync("local", service.Host.ApiBaseUrl, service.Host.ApiSecret);

        var file = Path.Combine(ConfigDir, "profiles.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(ConfigDir));
        var profile = JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("profiles").GetProperty("local");
        Assert.Equal(service.Host.ApiSecret, profile.GetProperty("apiSecret").GetString());

        var run = await CliRun.RunAsync(OnlyConfig, null, Ct, "upload", WriteImage(), "--kind", "image", "--profile", "local");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("status: imported", run.Out);
        Assert.Contains($"→ {service.Host.ApiBaseUrl} (profile local)", run.ErrorLines);
    }

    [Fact]
    public async Task Configure_asks_for_what_the_flags_do_not_give_and_hides_only_the_secret()
    {
        var asked = new List<(string Question, bool Hidden)>();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(new Scenario.Cli.Output.PlainConsoleOutput(output, error), OnlyConfig.GetValueOrDefault)
        {
            Prompt = (question, hidden) =>
            {
                asked.Add((question, hidden));
                return question.StartsWith("Base URL", StringComparison.Ordinal) ? service.Host.ApiBaseUrl
                    : question.StartsWith("API key", StringComparison.Ordinal) ? service.Host.ApiKey
                    : service.Host.ApiSecret;
            },
        };

        var code = await CliApp.RunAsync(["configure"], context, Ct);
        var used = await CliRun.RunAsync(OnlyConfig, null, Ct, "uploads", "list", "--page-size", "1");

        Assert.Equal(0, code);
        Assert.Equal([false, false, true], asked.Select(a => a.Hidden));
        Assert.DoesNotContain(service.Host.ApiSecret, output.ToString() + error);
        Assert.Equal(0, used.ExitCode);
        Assert.Contains($"→ {service.Host.ApiBaseUrl} (profile default)", used.ErrorLines);
    }

    [Fact]
    public async Task Configure_with_no_terminal_and_no_flag_says_which_flag_to_pass()
    {
        var run = await CliRun.RunAsync(OnlyConfig, null, Ct, "configure", "--base-url", service.Host.ApiBaseUrl);

        run.AssertOneErrorLine("pass --api-key");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(ConfigDir, "profiles.json")));
    }

    [Fact]
    public async Task SCENARIO_PROFILE_picks_the_profile_and_the_environment_beats_it_and_flags_beat_the_environment()
    {
        await ConfigureAsync("stale", service.Host.ApiBaseUrl, "an-old-secret");
        var env = new Dictionary<string, string>(OnlyConfig) { ["SCENARIO_PROFILE"] = "stale" };
        var fromProfile = await CliRun.RunAsync(env, null, Ct, "uploads", "list", "--page-size", "1");
        env["SCENARIO_SDK_API_SECRET"] = service.Host.ApiSecret;
        var envOverProfile = await CliRun.RunAsync(env, null, Ct, "uploads", "list", "--page-size", "1");
        var flagOverEnv = await CliRun.RunAsync(env, null, Ct, "uploads", "list", "--page-size", "1", "--api-secret", "wrong");

        fromProfile.AssertOneErrorLine($"Authentication failed at {service.Host.ApiBaseUrl}");
        Assert.Equal(0, envOverProfile.ExitCode);
        flagOverEnv.AssertOneErrorLine("Authentication failed");
    }

    [Fact]
    public async Task A_profile_file_others_can_read_is_refused_with_the_chmod_to_run()
    {
        await ConfigureAsync("default", service.Host.ApiBaseUrl, service.Host.ApiSecret);
        var file = Path.Combine(ConfigDir, "profiles.json");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var run = await CliRun.RunAsync(OnlyConfig, null, Ct, "uploads", "list");

        run.AssertOneErrorLine($"run: chmod 600 {file}");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
    }

    [Fact]
    public async Task An_unknown_profile_says_how_to_create_it()
    {
        var run = await CliRun.RunAsync(OnlyConfig, null, Ct, "uploads", "list", "--profile", "nope");

        run.AssertOneErrorLine("scenario configure --profile nope");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
    }

    [Fact]
    public async Task The_secret_can_come_from_a_file()
    {
        var secretFile = Path.Combine(_directory, "secret");
        File.WriteAllText(secretFile, service.Host.ApiSecret + "\n");

        var run = await CliRun.RunAsync(OnlyConfig, null, Ct, "uploads", "list", "--page-size", "1",
            "--base-url", service.Host.ApiBaseUrl, "--api-key", service.Host.ApiKey, "--api-secret-file", secretFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"→ {service.Host.ApiBaseUrl} (--base-url)", run.ErrorLines);
    }

    [Fact]
    public async Task A_base_url_without_v1_that_gets_a_404_suggests_v1()
    {
        var root = service.Host.ApiBaseUrl[..^"/v1".Length];
        var env = new Dictionary<string, string>(service.Env) { ["SCENARIO_BASE_URL"] = root };

        var run = await CliRun.RunAsync(env, null, Ct, "uploads", "retrieve", "upload_x");

        run.AssertOneErrorLine($"{root} answered 404; did you mean {root}/v1?");
    }

    [Fact]
    public async Task With_no_base_url_anywhere_the_run_says_it_uses_the_default()
    {
        // Nothing is sent: the credentials are missing, so the run stops after naming the host.
        var run = await CliRun.RunAsync(OnlyConfig, null, Ct, "uploads", "list");

        Assert.Contains(run.ErrorLines, l => l.StartsWith($"→ {ScenarioClientOptions.DefaultBaseUrl} (default:", StringComparison.Ordinal));
        run.AssertOneErrorLine("Missing API credentials");
    }

    [Fact]
    public async Task Json_errors_are_json_on_stdout_with_the_exit_code()
    {
        var run = await CliRun.RunAsync(service.Env, null, Ct, "uploads", "retrieve", "upload_nope", "--json");

        var error = JsonDocument.Parse(run.Out).RootElement.GetProperty("error");
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal(ExitCodes.Failed, error.GetProperty("exitCode").GetInt32());
        Assert.Equal(404, error.GetProperty("status").GetInt32());
        Assert.Equal("", run.Err);
    }

    [Fact]
    public async Task The_resume_command_printed_on_ctrl_c_runs_as_printed()
    {
        await ConfigureAsync("local", service.Host.ApiBaseUrl, service.Host.ApiSecret);
        var path = Path.Combine(_directory, "it's a big file.bin");
        TestFiles.WriteLargeFile(path, 11 * MiB, seed: 3);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var handler = new StallingHandler(part: 2, onStall: interrupt.Cancel);

        var stopped = await CliRun.RunAsync(OnlyConfig, handler, interrupt.Token,
            "upload", path, "--kind", "asset", "--part-size", "5MiB", "--concurrency", "1", "--profile", "local");

        Assert.Equal(ExitCodes.Interrupted, stopped.ExitCode);
        var printed = ResumeHint().Match(stopped.Err).Groups[1].Value;
        Assert.DoesNotContain(service.Host.ApiSecret, stopped.Err);
        var words = await ShellWordsAsync(printed);
        Assert.Equal("scenario", words[0]);
        Assert.Contains("--profile", words);
        Assert.Contains(path, words);
        var resumed = await CliRun.RunAsync(OnlyConfig, null, Ct, words[1..]);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("status: imported", resumed.Out);
        Assert.True(resumed.Out.Contains("parts: 1 sent, 1 already held", StringComparison.Ordinal), resumed.Out + resumed.Err);
    }

    // Splits the line as a POSIX shell would, by asking one: the test of "runs as printed".
    private static async Task<string[]> ShellWordsAsync(string line)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("printf '%s\\0' " + line);
        using var shell = Process.Start(start)!;
        var output = await shell.StandardOutput.ReadToEndAsync(Ct);
        await shell.WaitForExitAsync(Ct);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GeneratedRegex(@"resume it with: (.+)$", RegexOptions.Multiline)]
    private static partial Regex ResumeHint();
}
