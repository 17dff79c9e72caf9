using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Operations;

/// <summary>
/// Per-owner limits on create, action and reads, and the failed-authentication limit per client address: past
/// each, 429 rate_limited with Retry-After and remainingSeconds, nothing changed, other owners and addresses
/// untouched. (Part PUTs in flight per owner: Resilience/FairnessTests.)
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Creates_past_the_owners_limit_are_429_and_change_nothing_while_another_owner_creates()
    {
        await using var host = await Hosts.StartAsync(("RateLimits:Create:PermitLimit", "2"), ("RateLimits:Create:Window", "00:10:00"));
        using var api = new UploadApi(host);
        using var other = new UploadApi(host, TestKeys.OtherApiKey, TestKeys.OtherApiSecret);
        await api.CreateAsync(Hosts.SmallUpload);
        await api.CreateAsync(Hosts.SmallUpload);

        var refused = await api.Client.PostAsJsonAsync("v1/uploads", Hosts.SmallUpload);

        await AssertRateLimited(refused, maxSeconds: 600);
        Assert.Equal(2, await api.CountUploadsAsync());
        await other.CreateAsync(Hosts.SmallUpload);
        Assert.Equal(1, await other.CountUploadsAsync());
    }

    [Fact]
    public async Task Actions_past_the_owners_limit_are_429_and_leave_the_upload_as_it_was()
    {
        await using var host = await Hosts.StartAsync(("RateLimits:Action:PermitLimit", "1"), ("RateLimits:Action:Window", "00:10:00"));
        using var api = new UploadApi(host);
        var first = (await api.CreateAsync(Hosts.SmallUpload)).Id;
        var second = (await api.CreateAsync(Hosts.SmallUpload)).Id;
        Assert.Equal(HttpStatusCode.OK, (await api.ActionAsync(first, "abort")).StatusCode);

        var refused = await api.ActionAsync(second, "abort");

        await AssertRateLimited(refused, maxSeconds: 600);
        Assert.Equal("pending", (await api.RetrieveAsync(second)).Status);
    }

    [Fact]
    public async Task Reads_past_the_owners_limit_are_429_for_that_owner_only()
    {
        await using var host = await Hosts.StartAsync(("RateLimits:Read:PermitLimit", "3"), ("RateLimits:Read:Window", "00:10:00"));
        using var api = new UploadApi(host);
        using var other = new UploadApi(host, TestKeys.OtherApiKey, TestKeys.OtherApiSecret);
        var upload = await api.CreateAsync(Hosts.SmallUpload);
        var id = upload.Id;
        await api.RetrieveAsync(id);
        await api.GetJsonAsync("v1/uploads");
        await api.GetJsonAsync($"v1/jobs/{upload.JobId}");

        await AssertRateLimited(await api.Client.GetAsync($"v1/uploads/{id}"), maxSeconds: 600);
        await AssertRateLimited(await api.Client.GetAsync("v1/assets/asset_0000000000000000000000"), maxSeconds: 600);
        Assert.Equal(0, await other.CountUploadsAsync());
        // Reads and creates are counted apart: a client that polls hard can still start uploads.
        await api.CreateAsync(Hosts.SmallUpload);
    }

    [Fact]
    public async Task Failed_authentications_are_limited_per_client_address()
    {
        // Behind a proxy on loopback, X-Forwarded-For names the client: two clients, one test process.
        await using var host = await Hosts.StartAsync(
            ("ForwardedHeaders:Enabled", "true"), ("RateLimits:FailedAuth:PermitLimit", "2"), ("RateLimits:FailedAuth:Window", "00:10:00"));
        using var client = new HttpClient { BaseAddress = host.BaseUrl };
        const string guesser = "203.0.113.7", neighbour = "203.0.113.8";

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, guesser, "wrong-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, guesser, "wrong-secret-2")).StatusCode);
        await AssertRateLimited(await SendAsync(client, guesser, "wrong-secret-3"), maxSeconds: 600);
        // Used up: not even the right secret is checked for that address, so a guess cannot be confirmed.
        await AssertRateLimited(await SendAsync(client, guesser, TestKeys.ApiSecret), maxSeconds: 600);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, neighbour, TestKeys.ApiSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, neighbour, "wrong-secret")).StatusCode);
        // Credentials the service verified already (for the neighbour) pass from anywhere: they guess nothing.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, guesser, TestKeys.ApiSecret)).StatusCode);
    }

    [Fact]
    public async Task With_rate_limits_off_no_limit_applies()
    {
        await using var host = await Hosts.StartAsync(
            ("RateLimits:Enabled", "false"), ("RateLimits:Create:PermitLimit", "1"), ("RateLimits:FailedAuth:PermitLimit", "1"));
        using var api = new UploadApi(host);
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        for (var i = 0; i < 3; i++)
        {
            await api.CreateAsync(Hosts.SmallUpload);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, null, "wrong-secret")).StatusCode);
        }
        Assert.Equal(3, await api.CountUploadsAsync());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string? forwardedFor, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "v1/uploads");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestKeys.ApiKey}:{secret}")));
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return client.SendAsync(request);
    }

    /// <summary>429 rate_limited, its Retry-After in whole seconds, and remainingSeconds the same number.</summary>
    internal static async Task<Problem> AssertRateLimited(HttpResponseMessage response, int maxSeconds)
    {
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        var seconds = int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, maxSeconds);
        Assert.Equal(seconds, problem.Json.GetProperty("remainingSeconds").GetInt32());
        return problem;
    }
}
