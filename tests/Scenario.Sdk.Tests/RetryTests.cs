using System.Net;
using Scenario.Exceptions;
using Scenario.Sdk.Tests.Fakes;

namespace Scenario.Sdk.Tests;

public sealed class RetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void RetryNow(HttpResponseMessage response) => response.Headers.Add("Retry-After", "0");

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Retryable_statuses_are_retried_until_success(HttpStatusCode status)
    {
        var handler = new ScriptedHandler().Respond(status, "{}", RetryNow).Respond(status, "{}", RetryNow).Respond(HttpStatusCode.OK, Samples.Upload());
        using var client = TestClients.For(handler);

        var response = await client.Uploads.RetrieveAsync("upl_1", Ct);

        Assert.Equal("upl_1", response.Upload.Id);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Two_retries_by_default_then_the_error_is_thrown()
    {
        var handler = new ScriptedHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.Respond(HttpStatusCode.ServiceUnavailable, Samples.Problem(503, "unavailable", "down"), RetryNow);
        }
        using var client = TestClients.For(handler);

        var error = await Assert.ThrowsAsync<InternalServerException>(() => client.Uploads.RetrieveAsync("upl_1", Ct));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal("unavailable", error.Code);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task Client_errors_are_not_retried(HttpStatusCode status)
    {
        var handler = new ScriptedHandler().Respond(status, Samples.Problem((int)status, "nope", "no"));
        using var client = TestClients.For(handler);

        await Assert.ThrowsAnyAsync<ScenarioApiException>(() => client.Uploads.RetrieveAsync("upl_1", Ct));

        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("upload_failed")]
    [InlineData("upload_not_pending")]
    [InlineData("upload_processing")]
    public async Task A_conflict_that_can_never_succeed_is_thrown_at_once_without_a_retry(string code)
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Conflict, Samples.Problem(409, code, "final"));
        using var client = TestClients.For(handler);

        var error = await Assert.ThrowsAsync<ConflictException>(() => client.Uploads.CompleteAsync("upl_1", Ct));

        Assert.Equal(code, error.Code);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_conflict_with_another_code_is_retried()
    {
        var handler = new ScriptedHandler()
            .Respond(HttpStatusCode.Conflict, Samples.Problem(409, "lock_timeout", "busy"), RetryNow)
            .Respond(HttpStatusCode.OK, Samples.Upload());
        using var client = TestClients.For(handler);

        var response = await client.Uploads.RetrieveAsync("upl_1", Ct);

        Assert.Equal("upl_1", response.Upload.Id);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Retry_After_is_honoured()
    {
        var handler = new ScriptedHandler()
            .Respond(HttpStatusCode.TooManyRequests, "{}", r => r.Headers.Add("Retry-After", "1"))
            .Respond(HttpStatusCode.OK, Samples.Upload());
        using var client = TestClients.For(handler);
        var started = DateTime.UtcNow;

        await client.Uploads.RetrieveAsync("upl_1", Ct);

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Connection_errors_are_retried_then_reported_as_connection_errors()
    {
        var handler = new ScriptedHandler()
            .Throw(new HttpRequestException("refused"))
            .Throw(new HttpRequestException("refused"));
        using var client = TestClients.For(handler, maxRetries: 1);

        var error = await Assert.ThrowsAsync<ScenarioConnectionException>(() => client.Uploads.RetrieveAsync("upl_1", Ct));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("refused", error.Message);
    }

    [Fact]
    public async Task A_request_that_takes_too_long_is_a_timeout()
    {
        var handler = new ScriptedHandler().Hang();
        using var client = TestClients.For(handler, maxRetries: 0, timeout: TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAsync<ScenarioTimeoutException>(() => client.Uploads.RetrieveAsync("upl_1", Ct));
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_retried_or_wrapped()
    {
        var handler = new ScriptedHandler().Hang();
        using var client = TestClients.For(handler);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Uploads.RetrieveAsync("upl_1", cancel.Token));
        Assert.Single(handler.Requests);
    }
}
