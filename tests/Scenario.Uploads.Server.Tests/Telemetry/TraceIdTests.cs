using System.Net;
using System.Security.Cryptography;

namespace Scenario.Uploads.Server.Tests.Telemetry;

/// <summary>A problem's traceId is the W3C trace id of its request: the one the client sent, or a new one.</summary>
public sealed class TraceIdTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>, IDisposable
{
    private readonly HttpClient _client = OutsideClient.Create(fixture.Host.BaseUrl, fixture.Api.Client.DefaultRequestHeaders.Authorization);

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("v1/uploads/upload_0000000000000000000000")] // our own 404
    [InlineData("v1/no-such-endpoint")] // the framework's 404, given our fields
    public async Task A_problem_carries_the_trace_id_of_the_traceparent_the_client_sent(string path)
    {
        var traceId = RandomNumberGenerator.GetBytes(16);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("traceparent", OutsideClient.Traceparent(traceId));

        using var response = await _client.SendAsync(request);
        var problem = await UploadApi.ReadJson(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(traceId), problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task Without_a_traceparent_the_trace_id_is_32_hex_digits_and_new_each_time()
    {
        var first = await TraceIdOf(await _client.GetAsync("v1/uploads/upload_0000000000000000000000"));
        var second = await TraceIdOf(await _client.GetAsync("v1/uploads/upload_0000000000000000000000"));

        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.Matches("^[0-9a-f]{32}$", second);
        Assert.NotEqual(first, second);
        Assert.NotEqual(new string('0', 32), first);
    }

    private static async Task<string> TraceIdOf(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            return (await UploadApi.ReadJson(response)).GetProperty("traceId").GetString()!;
        }
    }
}
