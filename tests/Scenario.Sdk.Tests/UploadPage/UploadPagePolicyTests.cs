using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Scenario.Exceptions;
using Scenario.Formats;
using Scenario.Models;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Telemetry;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests.UploadPage;

/// <summary>
/// The upload page retries as the SDK does: what its retryPolicy.ts decides against what the SDK does, status by
/// status; the waits of both against the table they share (transferPolicy.json); its part-plan limits against
/// <see cref="PartLimits"/>.
/// </summary>
public sealed partial class UploadPagePolicyTests
{
    private const string Code = "some_code";

    // Every status the service, S3 or a proxy in between answers a part PUT with, and the edges of each range.
    private static readonly int[] PartStatuses =
        [400, 401, 403, 404, 405, 408, 409, 410, 411, 412, 413, 416, 422, 429, 431, 499, 500, 501, 502, 503, 504, 505, 507, 508, 511, 599];

    private readonly PagePolicy _page = PagePolicy.Load();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void RetryNow(HttpResponseMessage response) => response.Headers.Add("Retry-After", "0");

    [Fact]
    public async Task An_api_call_failing_with_any_error_status_is_sent_as_many_times_by_the_page_as_by_the_sdk()
    {
        var differences = new List<string>();
        for (var status = 400; status <= 599; status++)
        {
            var sent = await SdkAttemptsAsync(status, Code);
            if (sent != _page.Attempts("api", status, Code))
            {
                differences.Add($"{status}: the SDK sends it {sent} times, the page {_page.Attempts("api", status, Code)}");
            }
        }

        Assert.Empty(differences);
    }

    [Fact]
    public async Task A_conflict_is_final_for_the_page_exactly_when_it_is_final_for_the_sdk()
    {
        foreach (var code in _page.FinalCodes.Append("lock_timeout"))
        {
            Assert.Equal((code, _page.Attempts("api", 409, code)), (code, await SdkAttemptsAsync(409, code)));
        }
    }

    [Fact]
    public async Task An_api_call_that_gets_no_answer_is_sent_as_many_times_by_the_page_as_by_the_sdk()
    {
        var handler = new ScriptedHandler();
        for (var i = 0; i < 10; i++)
        {
            handler.Throw(new HttpRequestException("connection reset"));
        }
        using var client = TestClients.For(handler);

        await Assert.ThrowsAsync<ScenarioConnectionException>(() => client.Uploads.RetrieveAsync("upl_1", Ct));

        Assert.Equal(_page.Attempts("api", 0), handler.Requests.Count);
    }

    [Fact]
    public async Task A_part_failing_with_an_error_status_is_sent_as_many_times_by_the_page_as_by_the_sdk()
    {
        var differences = new List<string>();
        foreach (var status in PartStatuses)
        {
            using var file = new TempFile(1000);
            var server = new FakeUploadServer { OnPut = _ => Refusal(status, Code, RetryNow) };
            using var client = TestClients.For(server);

            await Assert.ThrowsAnyAsync<ScenarioException>(() => client.Uploads.UploadFileAsync(file.Path, new UploadFileOptions { Kind = UploadKind.Asset }, Ct));

            if (server.PutParts.Count != _page.Attempts("parts", status, Code))
            {
                differences.Add($"{status}: the SDK sends the part {server.PutParts.Count} times, the page {_page.Attempts("parts", status, Code)}");
            }
        }

        Assert.Empty(differences);
    }

    [Fact]
    public void The_page_waits_as_its_table_says_and_reads_Retry_After_as_the_sdk_does()
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var (least, most) = _page.BackoffRange(attempt);
            Assert.All(_page.WaitsBefore(attempt), wait => Assert.InRange(wait, least, most));
        }
        Assert.Equal(0, _page.WaitWhenAsked(0));
        Assert.Equal(_page.RetryAfterMaxSeconds, _page.WaitWhenAsked((int)_page.RetryAfterMaxSeconds));
        var (fewest, longest) = _page.BackoffRange(1);
        Assert.InRange(_page.WaitWhenAsked((int)_page.RetryAfterMaxSeconds + 1), fewest, longest);
        Assert.Equal(0.25, _page.RetryAfterRead("ms"));
        Assert.Equal(7, _page.RetryAfterRead("seconds"));
        Assert.Null(_page.RetryAfterRead("none"));
    }

    [Fact]
    public async Task The_sdk_waits_what_the_pages_backoff_and_Retry_After_rules_say()
    {
        // Backoff before the first retry, Retry-After: 0 honoured four times, then backoff at its cap.
        var waits = await SdkWaitsAsync(
            [r => { }, RetryNow, RetryNow, RetryNow, RetryNow, r => { }],
            maxRetries: 6);

        AssertInBackoff(waits[0], attempt: 0);
        Assert.Equal([0, 0, 0, 0], waits[1..5]);
        AssertInBackoff(waits[5], attempt: 5);
    }

    [Fact]
    public async Task The_sdk_honours_Retry_After_up_to_the_pages_longest_and_backs_off_past_it()
    {
        var longest = (int)_page.RetryAfterMaxSeconds;
        var waits = await SdkWaitsAsync(
            [
                r => r.Headers.Add("retry-after-ms", "250"),
                r => r.Headers.Add("Retry-After", (longest + 1).ToString(CultureInfo.InvariantCulture)),
                r => r.Headers.Add("Retry-After", longest.ToString(CultureInfo.InvariantCulture)),
            ],
            maxRetries: 3);

        Assert.Equal(250, waits[0]);
        AssertInBackoff(waits[1], attempt: 1);
        Assert.Equal(longest * 1000, waits[2]);
    }

    [Fact]
    public void The_pages_part_plan_limits_are_the_services_and_the_sdks()
    {
        Assert.Equal(PartLimits.MinPartSize, _page.PartPlan("minPartSize"));
        Assert.Equal(PartLimits.MaxPartSize, _page.PartPlan("maxPartSize"));
        Assert.Equal(PartLimits.MaxParts, _page.PartPlan("maxParts"));
    }

    private static async Task<int> SdkAttemptsAsync(int status, string code)
    {
        var handler = new ScriptedHandler();
        for (var i = 0; i < 10; i++)
        {
            handler.Respond((HttpStatusCode)status, Samples.Problem(status, code, "refused"), RetryNow);
        }
        using var client = TestClients.For(handler);
        await Assert.ThrowsAnyAsync<ScenarioApiException>(() => client.Uploads.RetrieveAsync("upl_1", Ct));
        return handler.Requests.Count;
    }

    private static HttpResponseMessage Refusal(int status, string code, Action<HttpResponseMessage> configure)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(Samples.Problem(status, code, "refused"), System.Text.Encoding.UTF8, "application/problem+json"),
        };
        configure(response);
        return response;
    }

    /// <summary>
    /// The waits, in ms, that the SDK logs before each retry of a call answered 503 with the given headers; the
    /// call is stopped once the last wait is logged, so a long one is read, not sat through.
    /// </summary>
    private static async Task<long[]> SdkWaitsAsync(Action<HttpResponseMessage>[] answers, int maxRetries)
    {
        var handler = new ScriptedHandler();
        foreach (var configure in answers)
        {
            handler.Respond(HttpStatusCode.ServiceUnavailable, Samples.Problem(503, "database_unavailable", "down"), configure);
        }
        var logs = new ListLoggerProvider();
        using var loggers = logs.Factory();
        using var client = new ScenarioClient(new ScenarioClientOptions
        {
            ApiKey = "key",
            ApiSecret = "secret",
            BaseUrl = TestClients.BaseUrl,
            HttpMessageHandler = handler,
            MaxRetries = maxRetries,
            LoggerFactory = loggers,
            GetEnvironmentVariable = _ => null,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var call = client.Uploads.RetrieveAsync("upl_1", stop.Token);
        long[] waits;
        while ((waits = WaitsIn(logs)).Length < answers.Length)
        {
            Assert.False(call.IsCompleted, $"the call ended after {waits.Length} logged waits");
            await Task.Delay(10, Ct);
        }
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        return waits;
    }

    private static long[] WaitsIn(ListLoggerProvider logs) =>
        [.. logs.In(ScenarioTelemetry.LoggerCategory)
            .Select(line => RetryDelay().Match(line.Message))
            .Where(match => match.Success)
            .Select(match => long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))];

    private void AssertInBackoff(long waitMs, int attempt)
    {
        var (least, most) = _page.BackoffRange(attempt);
        // The SDK logs whole milliseconds, cut down.
        Assert.InRange(waitMs, (long)(least * 1000) - 1, (long)(most * 1000));
    }

    [GeneratedRegex(@"retry \d+ of \d+ in (\d+) ms$")]
    private static partial Regex RetryDelay();
}
