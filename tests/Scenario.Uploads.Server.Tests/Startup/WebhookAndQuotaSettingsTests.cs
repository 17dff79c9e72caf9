using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Startup;

/// <summary>
/// A webhook URL the service must not call, or a quota that is no limit, stops the start with one line naming
/// the key (exit code 2): refused when configured, not at the first delivery.
/// </summary>
public sealed class WebhookAndQuotaSettingsTests
{
    private const string Secret = "whsec-test-0123456789abcdef";

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")] // loopback, and Imports:AllowPrivateNetworks is off
    [InlineData("http://localhost:8080/hook")]
    [InlineData("https://10.1.2.3/hook")] // private
    [InlineData("http://169.254.169.254/latest/meta-data")] // cloud metadata
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("ftp://hooks.example.com/hook")]
    [InlineData("hooks.example.com/hook")]
    public async Task A_refused_webhook_url_stops_the_start_naming_its_key(string url)
    {
        var key = $"Webhooks:Keys:{TestKeys.ApiKey}:Url";
        var run = await RunAsync(new() { [key] = url, [$"Webhooks:Keys:{TestKeys.ApiKey}:Secret"] = Secret });

        StartupAssert.RefusedWith(run, (key, url));
    }

    [Fact]
    public async Task A_webhook_url_with_credentials_is_refused_without_echoing_them()
    {
        var key = $"Webhooks:Keys:{TestKeys.ApiKey}:Url";
        var run = await RunAsync(new() { [key] = "https://hook:p4ssw0rd@hooks.example.com/x", [$"Webhooks:Keys:{TestKeys.ApiKey}:Secret"] = Secret });

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines, l => l.StartsWith($"Invalid configuration: {key} holds credentials", StringComparison.Ordinal));
        Assert.DoesNotContain("p4ssw0rd", run.Error + run.Output);
        StartupAssert.NoStackTrace(run);
    }

    [Fact]
    public async Task A_webhook_without_a_long_enough_secret_is_refused_without_echoing_it()
    {
        var key = $"Webhooks:Keys:{TestKeys.ApiKey}:Secret";
        var run = await RunAsync(new() { [$"Webhooks:Keys:{TestKeys.ApiKey}:Url"] = "https://hooks.example.com/x", [key] = "short-s3cret" });

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines, l => l.StartsWith($"Invalid configuration: {key} is missing or too short", StringComparison.Ordinal));
        Assert.DoesNotContain("short-s3cret", run.Error + run.Output);
    }

    [Theory]
    [InlineData("Quotas:StoredBytes", "-1")]
    [InlineData("Quotas:PendingBytes", "lots")]
    [InlineData("Quotas:Keys:test-key:PendingUploads", "-5")]
    [InlineData("Quotas:Keys:test-key:StoredBytes", "ten")]
    [InlineData("Webhooks:MaxAttempts", "0")]
    [InlineData("Webhooks:FirstRetryDelay", "00:00:00")]
    [InlineData("Webhooks:Timeout", "01:00:00")]
    public async Task A_bad_quota_or_webhook_setting_is_one_line_naming_the_key(string key, string value)
    {
        StartupAssert.RefusedWith(await RunAsync(new() { [key] = value }), (key, value));
    }

    private static async Task<ServerCommand> RunAsync(Dictionary<string, string> settings)
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            return await ServerCommand.RunAsync(ServerCommand.ServiceArguments(dataDirectory, FreePort.Next(), settings));
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }
}
