using System.Reflection;
using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests.Telemetry;

/// <summary>The User-Agent that API calls and part PUTs carry to the server.</summary>
public sealed class UserAgentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Built here from the assembly's informational version, without its <c>+commit</c> metadata.</summary>
    public static string Expected
    {
        get
        {
            var informational = typeof(ScenarioClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
            return $"scenario-sdk-dotnet/{informational.Split('+')[0]} (.NET {Environment.Version})";
        }
    }

    [Fact]
    public async Task Every_request_of_an_upload_carries_the_sdk_user_agent_over_the_http_clients_own()
    {
        await using var standIn = await UploadApiStandIn.StartAsync();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("some-app/1.0");
        using var client = new ScenarioClient(new ScenarioClientOptions
        {
            ApiKey = "key",
            ApiSecret = "secret",
            BaseUrl = standIn.ApiBaseUrl,
            HttpClient = http,
            GetEnvironmentVariable = _ => null,
        });
        using var content = new MemoryStream(new byte[100]);

        await client.Uploads.UploadFileAsync(content, new UploadFileOptions { Kind = UploadKind.Asset, FileName = "f.bin" }, Ct);

        Assert.Equal(["POST /v1/uploads", "PUT /parts/upl_standin/1", "POST /v1/uploads/upl_standin/action"],
            standIn.Seen.Select(seen => $"{seen.Method} {seen.Path}"));
        Assert.All(standIn.Seen, seen => Assert.Equal(Expected, seen.UserAgent));
        Assert.Matches(@"^scenario-sdk-dotnet/[0-9]+\.[0-9]+\.[0-9]+[^ ]* \(\.NET [0-9]+\.[0-9]+\.[0-9]+\)$", Expected);
    }

    [Fact]
    public async Task The_sdks_own_http_client_sends_it_too()
    {
        await using var standIn = await UploadApiStandIn.StartAsync();
        using var client = new ScenarioClient(new ScenarioClientOptions
        {
            ApiKey = "key",
            ApiSecret = "secret",
            BaseUrl = standIn.ApiBaseUrl,
            GetEnvironmentVariable = _ => null,
        });

        await client.Uploads.RetrieveAsync("upl_1", Ct);

        Assert.Equal(Expected, Assert.Single(standIn.Seen).UserAgent);
    }
}
