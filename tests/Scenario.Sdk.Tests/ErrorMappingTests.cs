using System.Net;
using Scenario.Exceptions;
using Scenario.Sdk.Tests.Fakes;

namespace Scenario.Sdk.Tests;

public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData(400, typeof(BadRequestException))]
    [InlineData(401, typeof(UnauthorizedException))]
    [InlineData(403, typeof(PermissionDeniedException))]
    [InlineData(404, typeof(NotFoundException))]
    [InlineData(409, typeof(ConflictException))]
    [InlineData(422, typeof(UnprocessableEntityException))]
    [InlineData(429, typeof(RateLimitException))]
    [InlineData(500, typeof(InternalServerException))]
    [InlineData(503, typeof(InternalServerException))]
    [InlineData(418, typeof(ScenarioApiException))]
    public async Task Each_status_maps_to_its_exception(int status, Type expected)
    {
        var handler = new ScriptedHandler().Respond((HttpStatusCode)status, Samples.Problem(status, "some_code", "what happened"));
        using var client = TestClients.For(handler, maxRetries: 0);

        var error = await Assert.ThrowsAnyAsync<ScenarioApiException>(() => client.Uploads.RetrieveAsync("upl_1", TestContext.Current.CancellationToken));

        Assert.IsType(expected, error);
        Assert.Equal(status, (int)error.StatusCode);
        Assert.Equal("some_code", error.Code);
        Assert.Equal("what happened", error.Detail);
        Assert.Equal("t-1", error.TraceId);
        Assert.Contains("what happened", error.Message);
        Assert.Contains("some_code", error.Body);
    }

    [Fact]
    public void A_body_that_is_not_json_is_kept_raw()
    {
        var error = ScenarioExceptionFactory.Create(HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        Assert.IsType<InternalServerException>(error);
        Assert.Null(error.Code);
        Assert.Equal("<html>bad gateway</html>", error.Body);
    }

    [Fact]
    public void Rate_limit_carries_retry_after()
    {
        var error = ScenarioExceptionFactory.Create(HttpStatusCode.TooManyRequests, "{}", TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<RateLimitException>(error).RetryAfter);
    }

    [Fact]
    public async Task Parts_missing_detail_reaches_the_caller()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.BadRequest, Samples.Problem(400, "parts_missing", "Parts 2, 3 are missing."));
        using var client = TestClients.For(handler);

        var error = await Assert.ThrowsAsync<BadRequestException>(() => client.Uploads.CompleteAsync("upl_1", TestContext.Current.CancellationToken));

        Assert.Equal("parts_missing", error.Code);
        Assert.Equal("""{"action":"complete"}""", handler.Bodies[0]);
    }
}
