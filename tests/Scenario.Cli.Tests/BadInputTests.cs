using Scenario.Testing;

namespace Scenario.Cli.Tests;

/// <summary>Bad input gets one clear line and a non-zero exit code, before any request is sent.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scenario-cli-").FullName;

    private static readonly Dictionary<string, string> Env = new()
    {
        ["SCENARIO_SDK_API_KEY"] = "k",
        ["SCENARIO_SDK_API_SECRET"] = "s",
        // Nothing listens here: a test that reaches the network fails with "could not reach".
        ["SCENARIO_BASE_URL"] = $"http://127.0.0.1:{FreePort.Next()}/v1",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string File(string name, int size)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllBytes(path, new byte[size]);
        return path;
    }

    [Fact]
    public async Task A_missing_file()
    {
        var run = await CliRun.RunAsync(Env, null, Ct, "upload", Path.Combine(_directory, "nope.png"), "--kind", "image");
        run.AssertOneErrorLine("File not found");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
    }

    [Fact]
    public async Task A_directory()
    {
        var run = await CliRun.RunAsync(Env, null, Ct, "upload", _directory, "--kind", "image");
        run.AssertOneErrorLine("is a directory");
    }

    [Fact]
    public async Task An_empty_file()
    {
        var run = await CliRun.RunAsync(Env, null, Ct, "upload", File("empty.png", 0), "--kind", "image");
        run.AssertOneErrorLine("is empty");
    }

    [Fact]
    public async Task An_unreadable_file()
    {
        var path = File("secret.png", 10);
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            Assert.Skip("root can read any file, and Windows has no chmod");
        }
        else
        {
            System.IO.File.SetUnixFileMode(path, UnixFileMode.None);
        }
        var run = await CliRun.RunAsync(Env, null, Ct, "upload", path, "--kind", "image");
        run.AssertOneErrorLine("Cannot read");
    }

    [Fact]
    public async Task A_kind_the_api_does_not_know()
    {
        var run = await CliRun.RunAsync(Env, null, Ct, "upload", File("a.png", 10), "--kind", "hologram");
        run.AssertOneErrorLine("Unknown kind 'hologram'");
    }

    [Fact]
    public async Task A_missing_kind()
    {
        var run = await CliRun.RunAsync(Env, null, Ct, "upload", File("a.png", 10));
        run.AssertOneErrorLine("--kind is required");
    }

    [Theory]
    [InlineData("1MiB", "at least 5 MiB")]
    [InlineData("6GiB", "at most 5 GiB")]
    [InlineData("lots", "Invalid --part-size")]
    public async Task A_part_size_that_makes_no_valid_plan(string partSize, string expected)
    {
        var path = Path.Combine(_directory, "big.bin");
        using (var stream = System.IO.File.Create(path))
        {
            stream.SetLength(12L * 1024 * 1024);
        }
        var run = await CliRun.RunAsync(Env, null, Ct, "upload", path, "--kind", "asset", "--part-size", partSize);
        run.AssertOneErrorLine(expected);
    }

    [Fact]
    public async Task Missing_credentials_name_the_variables_and_options()
    {
        var run = await CliRun.RunAsync(new Dictionary<string, string>(), null, Ct, "upload", File("a.png", 10), "--kind", "image");
        run.AssertOneErrorLine("SCENARIO_SDK_API_KEY");
        Assert.Contains("--api-key", run.Err);
    }

    [Fact]
    public async Task A_service_that_is_down()
    {
        var run = await CliRun.RunAsync(Env, null, Ct, "uploads", "retrieve", "upl_1");
        run.AssertOneErrorLine("Could not reach");
        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
