using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Startup;

/// <summary>A bad option stops the start with one line naming the key, the value and the expected form, and exit code 2.</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Uploads:SigningKey", "short")] // started, then answered every create with 500
    [InlineData("Uploads:SigningKey", "c2hvcnQ=")] // base64, but 5 bytes
    [InlineData("Uploads:PartUrlLifetime", "-01:00:00")] // started, and signed URLs born expired
    [InlineData("Uploads:PartUrlLifetime", "banana")] // the binder's exception, with a stack trace
    [InlineData("Uploads:SweepInterval", "00:00:00")] // crashed on a timer's unnamed 'period'
    [InlineData("Uploads:PendingLifetime", "0")]
    [InlineData("Uploads:MaxFileSize", "0")]
    [InlineData("Uploads:PublicBaseUrl", "uploads.example.com")]
    [InlineData("Jobs:Concurrency", "two")]
    [InlineData("Jobs:Concurrency", "0")]
    [InlineData("Jobs:MaxAttempts", "0")]
    [InlineData("Jobs:LeaseDuration", "-00:00:30")]
    [InlineData("Imports:HuggingFace:Endpoint", "ftp://huggingface.co")]
    [InlineData("Imports:Civitai:Endpoint", "civitai.com")]
    [InlineData("Database:Provider", "Mongo")]
    [InlineData("Storage:Provider", "Ftp")]
    [InlineData("Storage:ReservedSpace", "-1")]
    [InlineData("RateLimits:Create:PermitLimit", "0")]
    [InlineData("RateLimits:FailedAuth:Window", "00:00:00")]
    [InlineData("RateLimits:Create:Window", "banana")]
    [InlineData("ForwardedHeaders:Enabled", "yes")]
    [InlineData("RateLimits:Read:QueueLimit", "-1")]
    [InlineData("RateLimits:DatabaseTimeout", "00:00:00")]
    [InlineData("Health:CheckTimeout", "-00:00:01")]
    [InlineData("Health:MinFreeSpace", "-1")]
    [InlineData("Cors:AllowedOrigins:0", "https://app.example.com/upload")]
    [InlineData("Cors:AllowedOrigins:0", "app.example.com")]
    [InlineData("Cors:AllowedOrigins:0", "*")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99")]
    [InlineData("Api:Reference:Enabled", "yes")]
    [InlineData("Telemetry:Metrics:Path", "metrics")]
    [InlineData("Telemetry:Metrics:Path", "/v1/metrics")]
    [InlineData("Telemetry:Metrics:Enabled", "sometimes")]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4317")]
    [InlineData("Telemetry:Otlp:Protocol", "udp")]
    [InlineData("Logging:Format", "xml")]
    public async Task A_bad_value_is_one_line_naming_the_key_and_the_value_and_exit_code_2(string key, string value)
    {
        var dataDirectory = Path.Combine(TempDirectory.Create(), "data");
        try
        {
            var run = await ServerCommand.RunAsync(ServerCommand.ServiceArguments(dataDirectory, FreePort.Next(), new Dictionary<string, string> { [key] = value }));

            StartupAssert.RefusedWith(run, (key, value));
            Assert.False(Directory.Exists(dataDirectory), "A refused start created the data directory.");
        }
        finally
        {
            TempDirectory.TryDelete(Path.GetDirectoryName(dataDirectory)!);
        }
    }

    [Fact]
    public async Task Several_bad_values_are_one_line_each_even_beside_an_unparsable_one()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            var bad = new Dictionary<string, string>
            {
                ["Uploads:PartUrlLifetime"] = "banana",
                ["Uploads:PendingLifetime"] = "-1.00:00:00",
                ["Jobs:Concurrency"] = "two",
                ["Jobs:MaxAttempts"] = "0",
                ["Storage:Provider"] = "Ftp",
            };

            var run = await ServerCommand.RunAsync(ServerCommand.ServiceArguments(dataDirectory, FreePort.Next(), bad));

            StartupAssert.RefusedWith(run, [.. bad.Select(b => (b.Key, b.Value))]);
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_names_the_connection_string()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            var run = await ServerCommand.RunAsync(ServerCommand.ServiceArguments(dataDirectory, FreePort.Next(),
                new Dictionary<string, string> { ["Database:Provider"] = "postgres" }));

            StartupAssert.RefusedWith(run, ("Database:ConnectionString", ""));
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task A_connection_string_that_does_not_parse_is_named_without_its_password()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            var run = await ServerCommand.RunAsync(ServerCommand.ServiceArguments(dataDirectory, FreePort.Next(), new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = "Hots=db;Password=hunter2-secret",
            }));

            Assert.Equal(2, run.ExitCode);
            var line = Assert.Single(run.ErrorLines);
            Assert.StartsWith("Invalid configuration: Database:ConnectionString ", line);
            Assert.DoesNotContain("hunter2-secret", run.Output + run.Error);
            StartupAssert.NoStackTrace(run);
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task An_S3_endpoint_that_is_not_an_http_url_and_a_missing_bucket_are_both_named()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            var run = await ServerCommand.RunAsync(ServerCommand.ServiceArguments(dataDirectory, FreePort.Next(), new Dictionary<string, string>
            {
                ["Storage:Provider"] = "S3",
                ["Storage:S3:ServiceUrl"] = "127.0.0.1:9000",
            }));

            StartupAssert.RefusedWith(run, ("Storage:S3:ServiceUrl", "127.0.0.1:9000"), ("Storage:S3:Bucket", ""));
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task A_configured_key_without_its_secret_is_named_without_echoing_any_secret()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            var run = await ServerCommand.RunAsync(ServerCommand.ServiceArguments(dataDirectory, FreePort.Next(),
                new Dictionary<string, string> { ["Auth:ApiKeys:0:ApiKey"] = "ops-key" }));

            StartupAssert.RefusedWith(run, ("Auth:ApiKeys:0:ApiSecret", ""));
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }
}
