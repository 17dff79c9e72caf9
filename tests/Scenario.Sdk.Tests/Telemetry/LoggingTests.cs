using System.Text;
using Microsoft.Extensions.Logging;
using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Telemetry;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests.Telemetry;

/// <summary>What the SDK logs through <see cref="ScenarioClientOptions.LoggerFactory"/>, against a stand-in that fails on purpose.</summary>
public sealed class LoggingTests
{
    private const string Secret = "do-not-log-this-secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ScenarioClient ClientFor(UploadApiStandIn standIn, ILoggerFactory loggers, int? maxRetries = null) => new(new ScenarioClientOptions
    {
        ApiKey = "key",
        ApiSecret = Secret,
        BaseUrl = standIn.ApiBaseUrl,
        MaxRetries = maxRetries,
        LoggerFactory = loggers,
        GetEnvironmentVariable = _ => null,
    });

    [Fact]
    public async Task Retries_are_logged_with_their_reason_and_delay_and_never_the_secret_or_the_signature()
    {
        await using var standIn = await UploadApiStandIn.StartAsync(createFailures: 1, partFailures: 1);
        var logs = new ListLoggerProvider();
        using var loggers = logs.Factory();
        using var client = ClientFor(standIn, loggers);
        using var content = new MemoryStream(new byte[1000]);

        var upload = await client.Uploads.UploadFileAsync(content, new UploadFileOptions { Kind = UploadKind.Asset, FileName = "f.bin" }, Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        var lines = logs.In(ScenarioTelemetry.LoggerCategory).ToList();
        var retries = lines.Where(line => line.Level == LogLevel.Information).Select(line => line.Message).ToList();
        Assert.Equal(
            ["POST /v1/uploads failed (HTTP 503 service_unavailable); retry 1 of 2 in 0 ms",
             "Part 1 of upload upl_standin failed (HTTP 503 service_unavailable); retry 1 of 6 in 0 ms"],
            retries);
        Assert.Contains(lines, line => line.Level == LogLevel.Debug && line.Message.StartsWith("POST /v1/uploads answered 503 in ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Level == LogLevel.Debug && line.Message.StartsWith("PUT /parts/upl_standin/1 answered 200 in ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Level == LogLevel.Debug && line.Message.StartsWith("POST /v1/uploads/upl_standin/action answered 200 in ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Level >= LogLevel.Warning);
        var everything = string.Join("\n", logs.Lines.Select(line => line.Message + line.Exception));
        Assert.DoesNotContain(Secret, everything);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("key:" + Secret)), everything);
        Assert.DoesNotContain(UploadApiStandIn.Signature, everything);
    }

    [Fact]
    public async Task A_request_that_runs_out_of_retries_is_a_warning()
    {
        await using var standIn = await UploadApiStandIn.StartAsync();
        var logs = new ListLoggerProvider();
        using var loggers = logs.Factory();
        using var client = ClientFor(standIn, loggers, maxRetries: 1);

        await Assert.ThrowsAsync<InternalServerException>(() => client.Uploads.RetrieveAsync("upl_down", Ct));

        var warning = Assert.Single(logs.Lines, line => line.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("GET /v1/uploads/upl_down failed (HTTP 503 service_unavailable) after 2 attempts; giving up", warning.Message);
        Assert.Single(logs.Lines, line => line.Level == LogLevel.Information);
    }

    [Fact]
    public async Task An_error_that_no_retry_can_fix_is_not_a_warning()
    {
        await using var standIn = await UploadApiStandIn.StartAsync();
        var logs = new ListLoggerProvider();
        using var loggers = logs.Factory();
        using var client = ClientFor(standIn, loggers);

        await Assert.ThrowsAsync<NotFoundException>(() => client.Jobs.RetrieveAsync("job_unknown", Ct));

        var line = Assert.Single(logs.Lines);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.StartsWith("GET /v1/jobs/job_unknown answered 404 in ", line.Message);
    }
}
