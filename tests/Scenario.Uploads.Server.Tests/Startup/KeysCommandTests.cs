using System.Net;
using Scenario.Testing;
using Scenario.Uploads.Server.Auth;
using CredentialCache = Scenario.Uploads.Server.Auth.CredentialCache;

namespace Scenario.Uploads.Server.Tests.Startup;

/// <summary><c>keys list|create|revoke</c>: the operator's hands on the API keys, with the service's configuration.</summary>
public sealed class KeysCommandTests
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Keys_create_list_and_revoke_round_trip_with_the_service_stopped_and_a_revoked_key_then_gets_401()
    {
        var dataDirectory = TempDirectory.Create();
        var port = FreePort.Next();
        try
        {
            var created = await ServerCommand.KeysAsync(["create", "--owner", "owner_ops"], dataDirectory, port);
            Assert.True(created.ExitCode == 0, created.Error);
            var (apiKey, apiSecret) = created.PrintedKey();
            Assert.Contains($"export SCENARIO_BASE_URL=http://127.0.0.1:{port}/v1", created.Output);

            var listed = await ServerCommand.KeysAsync(["list"], dataDirectory, port);
            Assert.True(listed.ExitCode == 0, listed.Error);
            var row = Assert.Single(listed.Output.Split('\n'), l => l.StartsWith(apiKey, StringComparison.Ordinal));
            Assert.Contains("owner_ops", row);
            Assert.Contains("database", row);
            Assert.DoesNotContain(apiSecret, listed.Output);
            Assert.DoesNotContain(SecretHasher.Hash(apiSecret), listed.Output);

            // The service started afterwards knows the key; having made one, it makes no first-start key of its own.
            await using (var service = ServerCommand.Start(ServerCommand.ServiceArguments(dataDirectory, port)))
            {
                await service.WaitUntilReadyAsync(port, Ready);
                Assert.Equal(HttpStatusCode.OK, await StatusFor(port, apiKey, apiSecret));
                Assert.DoesNotContain("No API key was configured", service.Output);
            }

            var revoked = await ServerCommand.KeysAsync(["revoke", apiKey], dataDirectory, port);
            Assert.True(revoked.ExitCode == 0, revoked.Error);
            Assert.Contains($"Revoked API key {apiKey}", revoked.Output);
            Assert.Contains("10 seconds", revoked.Output);
            var after = await ServerCommand.KeysAsync(["list"], dataDirectory, port);
            Assert.DoesNotContain(apiKey, after.Output);
            var again = await ServerCommand.KeysAsync(["revoke", apiKey], dataDirectory, port);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains(apiKey, Assert.Single(again.ErrorLines));

            await using (var service = ServerCommand.Start(ServerCommand.ServiceArguments(dataDirectory, port)))
            {
                await service.WaitUntilReadyAsync(port, Ready);
                Assert.Equal(HttpStatusCode.Unauthorized, await StatusFor(port, apiKey, apiSecret));
            }
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task Keys_given_by_configuration_are_listed_as_such_and_revoking_one_says_why_it_cannot()
    {
        var dataDirectory = TempDirectory.Create();
        var port = FreePort.Next();
        try
        {
            Assert.Equal(0, (await ServerCommand.KeysAsync(["create"], dataDirectory, port, withTestKeys: true)).ExitCode);

            var listed = await ServerCommand.KeysAsync(["list"], dataDirectory, port, withTestKeys: true);
            var row = Assert.Single(listed.Output.Split('\n'), l => l.StartsWith(TestKeys.ApiKey + " ", StringComparison.Ordinal));
            Assert.Contains(TestKeys.OwnerId, row);
            Assert.Contains("configuration", row);
            Assert.DoesNotContain(TestKeys.ApiSecret, listed.Output);

            var revoked = await ServerCommand.KeysAsync(["revoke", TestKeys.ApiKey], dataDirectory, port, withTestKeys: true);
            Assert.Equal(1, revoked.ExitCode);
            Assert.Contains("Auth:ApiKeys", Assert.Single(revoked.ErrorLines));
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task Keys_work_on_sqlite_while_the_service_runs_and_a_revoke_takes_effect_within_the_credential_cache_lifetime()
    {
        var dataDirectory = TempDirectory.Create();
        var port = FreePort.Next();
        try
        {
            await using var service = ServerCommand.Start(ServerCommand.ServiceArguments(dataDirectory, port, withTestKeys: true));
            await service.WaitUntilReadyAsync(port, Ready);

            var created = await ServerCommand.KeysAsync(["create"], dataDirectory, port, withTestKeys: true);
            Assert.True(created.ExitCode == 0, created.Error);
            var (apiKey, apiSecret) = created.PrintedKey();
            Assert.Equal(HttpStatusCode.OK, await StatusFor(port, apiKey, apiSecret));

            var revoked = await ServerCommand.KeysAsync(["revoke", apiKey], dataDirectory, port, withTestKeys: true);
            Assert.True(revoked.ExitCode == 0, revoked.Error);

            await WaitForStatusAsync(port, apiKey, apiSecret, HttpStatusCode.Unauthorized, CredentialCache.Lifetime + TimeSpan.FromSeconds(5));
            Assert.False(service.HasExited);
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task Keys_work_on_postgres_while_the_service_runs()
    {
        if (TestBackend.MissingServers() is { } why)
        {
            Assert.Skip(why);
        }
        var dataDirectory = TempDirectory.Create();
        var port = FreePort.Next();
        var postgres = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = await TestBackend.CreateDatabaseAsync(),
        };
        try
        {
            await using var service = ServerCommand.Start(ServerCommand.ServiceArguments(dataDirectory, port, postgres, withTestKeys: true));
            await service.WaitUntilReadyAsync(port, Ready);

            var created = await ServerCommand.KeysAsync(["create"], dataDirectory, port, postgres, withTestKeys: true);
            Assert.True(created.ExitCode == 0, created.Error);
            var (apiKey, apiSecret) = created.PrintedKey();
            Assert.Equal(HttpStatusCode.OK, await StatusFor(port, apiKey, apiSecret));
            Assert.Contains(apiKey, (await ServerCommand.KeysAsync(["list"], dataDirectory, port, postgres, withTestKeys: true)).Output);

            Assert.Equal(0, (await ServerCommand.KeysAsync(["revoke", apiKey], dataDirectory, port, postgres, withTestKeys: true)).ExitCode);
            await WaitForStatusAsync(port, apiKey, apiSecret, HttpStatusCode.Unauthorized, CredentialCache.Lifetime + TimeSpan.FromSeconds(5));
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task Keys_without_a_command_print_the_usage_on_stderr_and_exit_2()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            var run = await ServerCommand.KeysAsync([], dataDirectory, FreePort.Next());

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("keys create [--owner OWNER_ID]", run.Error);
            Assert.False(File.Exists(Path.Combine(dataDirectory, "uploads.db")));
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task Keys_list_on_a_data_directory_with_no_database_says_so_in_one_line_and_creates_nothing()
    {
        var dataDirectory = Path.Combine(TempDirectory.Create(), "typo");
        try
        {
            var run = await ServerCommand.KeysAsync(["list"], dataDirectory, FreePort.Next());

            Assert.Equal(1, run.ExitCode);
            Assert.Contains(Path.Combine(dataDirectory, "uploads.db"), Assert.Single(run.ErrorLines));
            Assert.False(Directory.Exists(dataDirectory));
        }
        finally
        {
            TempDirectory.TryDelete(Path.GetDirectoryName(dataDirectory)!);
        }
    }

    [Fact]
    public async Task Keys_with_a_bad_option_refuse_like_the_service_does()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            var run = await ServerCommand.KeysAsync(["list"], dataDirectory, FreePort.Next(), new Dictionary<string, string> { ["Database:Provider"] = "Mongo" });

            StartupAssert.RefusedWith(run, ("Database:Provider", "Mongo"));
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    private static async Task<HttpStatusCode> StatusFor(int port, string apiKey, string apiSecret)
    {
        using var client = ServiceHost.CreateClient(new Uri($"http://127.0.0.1:{port}/"), apiKey, apiSecret);
        return (await client.GetAsync("v1/uploads")).StatusCode;
    }

    private static async Task WaitForStatusAsync(int port, string apiKey, string apiSecret, HttpStatusCode expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        HttpStatusCode status;
        while ((status = await StatusFor(port, apiKey, apiSecret)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.Equal(expected, status);
    }
}
