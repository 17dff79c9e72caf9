using System.Net;
using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Testing;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>
/// The real service with a tiny create limit: the SDK maps its 429 to <see cref="RateLimitException"/>, waits the
/// Retry-After it was given and succeeds, or surfaces the exception with RetryAfter once its retries are spent.
/// </summary>
public sealed class RateLimitEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static UploadCreateParams Small => new()
    {
        FileName = "a.bin",
        ContentType = "application/octet-stream",
        FileSize = 10,
        Parts = 1,
        Kind = UploadKind.Asset,
    };

    [Fact]
    public async Task Creates_past_the_limit_wait_for_retry_after_and_succeed()
    {
        // One create per 2 s window: back-to-back creates meet the limit within a few calls.
        await using var host = await StartAsync("1", "00:00:02");
        using var counting = new CountingHandler();
        using var client = Client(host, counting, maxRetries: 2);

        var created = new List<Upload>();
        while (counting.Count(HttpStatusCode.TooManyRequests) == 0 && created.Count < 6)
        {
            created.Add((await client.Uploads.CreateAsync(Small, Ct)).Upload);
        }

        Assert.True(counting.Count(HttpStatusCode.TooManyRequests) >= 1, $"no 429 in {created.Count} creates: {string.Join(",", counting.Statuses)}");
        Assert.All(created, u => Assert.Equal(UploadStatus.Pending, u.Status));
        Assert.Equal(created.Count, counting.Count(HttpStatusCode.OK));
        Assert.Equal(created.Count, created.Select(u => u.Id).Distinct().Count());
        var listed = await client.Uploads.ListAsync(new UploadListParams { PageSize = 100 }, Ct);
        Assert.Equal(created.Count, listed.Uploads.Count);
    }

    [Fact]
    public async Task When_retries_are_spent_the_sdk_throws_rate_limit_exception_with_retry_after()
    {
        await using var host = await StartAsync("1", "00:10:00");
        using var counting = new CountingHandler();
        using var client = Client(host, counting, maxRetries: 1);
        await client.Uploads.CreateAsync(Small, Ct);

        var error = await Assert.ThrowsAsync<RateLimitException>(() => client.Uploads.CreateAsync(Small, Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("rate_limited", error.Code);
        Assert.NotNull(error.RetryAfter);
        Assert.InRange(error.RetryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        // The first try and its one retry were both refused; nothing was created by them.
        Assert.Equal(2, counting.Count(HttpStatusCode.TooManyRequests));
        Assert.Single((await client.Uploads.ListAsync(new UploadListParams { PageSize = 100 }, Ct)).Uploads);
    }

    private static Task<ServiceHost> StartAsync(string permits, string window) => ServiceHost.StartAsync(new ServiceHostOptions
    {
        Settings = new Dictionary<string, string> { ["RateLimits:Create:PermitLimit"] = permits, ["RateLimits:Create:Window"] = window },
    });

    private static ScenarioClient Client(ServiceHost host, HttpMessageHandler handler, int maxRetries) => new(new ScenarioClientOptions
    {
        ApiKey = host.ApiKey,
        ApiSecret = host.ApiSecret,
        BaseUrl = host.ApiBaseUrl,
        HttpMessageHandler = handler,
        MaxRetries = maxRetries,
        GetEnvironmentVariable = _ => null,
    });
}
