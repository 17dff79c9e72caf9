using System.Net;
using System.Text;
using Scenario.Exceptions;
using Scenario.Sdk.Tests.Fakes;

namespace Scenario.Sdk.Tests;

public sealed class ClientOptionsTests
{
    [Fact]
    public void Missing_credentials_name_the_environment_variables()
    {
        var error = Assert.Throws<ScenarioConfigurationException>(() =>
            new ScenarioClient(new ScenarioClientOptions { GetEnvironmentVariable = _ => null }));

        Assert.Contains("SCENARIO_SDK_API_KEY", error.Message);
        Assert.Contains("SCENARIO_SDK_API_SECRET", error.Message);
    }

    [Fact]
    public void The_environment_supplies_credentials_and_base_url()
    {
        var env = new Dictionary<string, string>
        {
            ["SCENARIO_SDK_API_KEY"] = "k",
            ["SCENARIO_SDK_API_SECRET"] = "s",
            ["SCENARIO_BASE_URL"] = "http://127.0.0.1:5080/v1",
        };

        using var client = new ScenarioClient(new ScenarioClientOptions { GetEnvironmentVariable = env.GetValueOrDefault });

        Assert.Equal("http://127.0.0.1:5080/v1/", client.BaseUrl.AbsoluteUri);
    }

    [Fact]
    public void The_default_base_url_is_the_public_api()
    {
        using var client = new ScenarioClient(new ScenarioClientOptions { ApiKey = "k", ApiSecret = "s", GetEnvironmentVariable = _ => null });

        Assert.Equal("https://api.cloud.scenario.com/v1/", client.BaseUrl.AbsoluteUri);
    }

    [Fact]
    public void An_invalid_base_url_is_refused()
    {
        Assert.Throws<ScenarioConfigurationException>(() =>
            new ScenarioClient(new ScenarioClientOptions { ApiKey = "k", ApiSecret = "s", BaseUrl = "not a url", GetEnvironmentVariable = _ => null }));
    }

    [Theory]
    [InlineData(-1, null, "MaxRetries is '-1'")]
    [InlineData(null, -5, "Timeout is '-00:00:05'")]
    [InlineData(null, 0, "Timeout is '00:00:00'")]
    [InlineData(null, 90000, "Timeout is '1.01:00:00'")]
    public void Out_of_range_retries_and_timeouts_are_refused_naming_the_option(int? maxRetries, int? timeoutSeconds, string expected)
    {
        var error = Assert.Throws<ScenarioConfigurationException>(() => new ScenarioClient(new ScenarioClientOptions
        {
            ApiKey = "k",
            ApiSecret = "s",
            MaxRetries = maxRetries,
            Timeout = timeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            GetEnvironmentVariable = _ => null,
        }));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_infinite_timeout_and_no_retries_are_accepted()
    {
        using var client = new ScenarioClient(new ScenarioClientOptions
        {
            ApiKey = "k", ApiSecret = "s", MaxRetries = 0, Timeout = Timeout.InfiniteTimeSpan, GetEnvironmentVariable = _ => null,
        });

        Assert.Equal("https://api.cloud.scenario.com/v1/", client.BaseUrl.AbsoluteUri);
    }

    [Fact]
    public async Task Options_override_the_environment_and_requests_use_basic_auth_under_v1()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.OK, Samples.Upload());
        using var client = new ScenarioClient(new ScenarioClientOptions
        {
            ApiKey = "key",
            ApiSecret = "secret",
            BaseUrl = "http://127.0.0.1:5080/v1/",
            HttpMessageHandler = handler,
            GetEnvironmentVariable = _ => "from-env",
        });

        await client.Uploads.RetrieveAsync("upl 1", TestContext.Current.CancellationToken);

        var request = handler.Requests.Single();
        Assert.Equal("http://127.0.0.1:5080/v1/uploads/upl%201", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("key:secret")), request.Headers.Authorization.Parameter);
    }

    [Fact]
    public async Task List_sends_page_size_and_token_and_follows_pages()
    {
        var handler = new ScriptedHandler()
            .Respond(HttpStatusCode.OK, """{"uploads":[""" + Samples.Upload("a")[10..^1] + """],"nextPaginationToken":"t/2"}""")
            .Respond(HttpStatusCode.OK, """{"uploads":[""" + Samples.Upload("b")[10..^1] + "]}");
        using var client = TestClients.For(handler);

        var ids = new List<string>();
        await foreach (var upload in client.Uploads.ListAllAsync(1, TestContext.Current.CancellationToken))
        {
            ids.Add(upload.Id);
        }

        Assert.Equal(["a", "b"], ids);
        Assert.EndsWith("/v1/uploads?pageSize=1", handler.Requests[0].RequestUri!.AbsoluteUri);
        Assert.EndsWith("/v1/uploads?pageSize=1&paginationToken=t%2F2", handler.Requests[1].RequestUri!.AbsoluteUri);
    }
}
