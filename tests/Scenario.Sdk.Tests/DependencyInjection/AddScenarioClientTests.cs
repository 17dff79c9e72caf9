using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scenario.DependencyInjection;
using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Sdk.Tests.EndToEnd;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Sdk.Tests.Telemetry;
using Scenario.Services;
using Scenario.Telemetry;
using Scenario.Testing;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests.DependencyInjection;

/// <summary><c>services.AddScenarioClient(...)</c> in a real host, against the real service or a stand-in on loopback.</summary>
public sealed class AddScenarioClientTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Dictionary<string, string?> ServiceSettings => new()
    {
        ["Scenario:BaseUrl"] = service.Host.ApiBaseUrl,
        ["Scenario:ApiKey"] = service.Host.ApiKey,
        ["Scenario:ApiSecret"] = service.Host.ApiSecret,
    };

    /// <summary>A host with only the given configuration: no environment variables, no appsettings.json.</summary>
    private static IHost HostWith(Dictionary<string, string?> settings, ListLoggerProvider? logs = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddScenarioClient(builder.Configuration.GetSection("Scenario"));
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        }
        return builder.Build();
    }

    [Fact]
    public async Task A_host_configured_from_a_section_uploads_a_file_to_the_service_and_logs_through_the_host()
    {
        var logs = new ListLoggerProvider();
        var settings = ServiceSettings;
        settings["Scenario:Timeout"] = "00:00:30";
        settings["Scenario:MaxRetries"] = "3";
        using var host = HostWith(settings, logs);
        await host.StartAsync(Ct);
        using var scope = host.Services.CreateScope();
        var uploads = scope.ServiceProvider.GetRequiredService<IUploadService>();
        var assets = scope.ServiceProvider.GetRequiredService<IAssetService>();
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor("image");
        using var content = new MemoryStream(bytes);

        var upload = await uploads.UploadFileAsync(content, new UploadFileOptions { Kind = UploadKind.Image, FileName = fileName, ContentType = contentType }, Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(sha256, upload.Sha256);
        Assert.Equal(sha256, (await assets.RetrieveAsync(upload.EntityId!, Ct)).Asset.Sha256);
        Assert.Contains(logs.In(ScenarioTelemetry.LoggerCategory), line => line.Message.StartsWith("POST /v1/uploads answered 200 in ", StringComparison.Ordinal));
        // The part URL is the service's or, on S3, the bucket's: either way its path, never its signed query.
        Assert.Contains(logs.In(ScenarioTelemetry.LoggerCategory), line => line.Message.StartsWith("PUT /", StringComparison.Ordinal) && line.Message.Contains(" answered 200 in ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Message.Contains('?', StringComparison.Ordinal));
        // The factory's own handler logs (full URLs, signed queries included) are off.
        Assert.DoesNotContain(logs.Lines, line => line.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task The_http_client_has_no_client_wide_timeout_yet_the_configured_api_timeout_ends_a_call_that_hangs()
    {
        await using var standIn = await UploadApiStandIn.StartAsync();
        using var host = HostWith(new()
        {
            ["Scenario:BaseUrl"] = standIn.ApiBaseUrl,
            ["Scenario:ApiKey"] = "key",
            ["Scenario:ApiSecret"] = "secret",
            ["Scenario:Timeout"] = "00:00:01",
            ["Scenario:MaxRetries"] = "0",
        });
        await host.StartAsync(Ct);
        var factory = host.Services.GetRequiredService<IHttpClientFactory>();
        var client = host.Services.GetRequiredService<ScenarioClient>();

        var error = await Assert.ThrowsAsync<ScenarioTimeoutException>(() => client.Uploads.RetrieveAsync("upl_silent", Ct));

        Assert.Equal(Timeout.InfiniteTimeSpan, factory.CreateClient(ScenarioServiceCollectionExtensions.HttpClientName).Timeout);
        Assert.Contains("timed out after 1 s", error.Message);
        var seen = Assert.Single(standIn.Seen);
        Assert.Equal("/v1/uploads/upl_silent", seen.Path);
        Assert.Equal(UserAgentTests.Expected, seen.UserAgent);
    }

    [Theory]
    [InlineData("BaseUrl", "not a url", "Scenario:BaseUrl is 'not a url'")]
    [InlineData("BaseUrl", "ftp://127.0.0.1/v1", "Scenario:BaseUrl is 'ftp://127.0.0.1/v1'")]
    [InlineData("Timeout", "-00:00:05", "Scenario:Timeout is '-00:00:05'")]
    [InlineData("Timeout", "soon", "Scenario:Timeout")]
    [InlineData("MaxRetries", "-1", "Scenario:MaxRetries is '-1'")]
    [InlineData("ApiSecrt", "typo", "ApiSecrt")]
    public async Task An_invalid_setting_stops_the_host_at_start_with_one_line_naming_the_key(string key, string value, string expected)
    {
        var settings = ServiceSettings;
        settings["Scenario:" + key] = value;
        using var host = HostWith(settings);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Ct));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(service.Host.ApiSecret, error.Message);
    }

    [Fact]
    public async Task Options_set_in_code_without_credentials_stop_the_host_naming_both_keys_and_variables()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddScenarioClient(options =>
        {
            options.BaseUrl = service.Host.ApiBaseUrl;
            options.GetEnvironmentVariable = _ => null;
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Ct));

        Assert.Contains("ApiKey is missing; set it, or the SCENARIO_SDK_API_KEY environment variable", error.Message);
        Assert.Contains("ApiSecret is missing; set it, or the SCENARIO_SDK_API_SECRET environment variable", error.Message);
    }

    [Fact]
    public async Task Options_set_in_code_give_every_service_of_the_client()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddScenarioClient(options =>
        {
            options.BaseUrl = service.Host.ApiBaseUrl;
            options.ApiKey = service.Host.ApiKey;
            options.ApiSecret = service.Host.ApiSecret;
        });
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var client = host.Services.GetRequiredService<ScenarioClient>();
        var created = await host.Services.GetRequiredService<IUploadService>().CreateAsync(new UploadCreateParams
        {
            FileName = "a.bin", ContentType = "application/octet-stream", FileSize = 10, Parts = 1, Kind = UploadKind.Asset,
        }, Ct);
        var job = await host.Services.GetRequiredService<IJobService>().RetrieveAsync(created.Upload.JobId!, Ct);

        Assert.Equal(service.Host.ApiBaseUrl + "/", client.BaseUrl.AbsoluteUri);
        Assert.Equal(created.Upload.JobId, job.Job.JobId);
        Assert.NotNull(host.Services.GetRequiredService<IModelService>());
        await Assert.ThrowsAsync<NotFoundException>(() => host.Services.GetRequiredService<IAssetService>().RetrieveAsync("ast_unknown", Ct));
    }
}
