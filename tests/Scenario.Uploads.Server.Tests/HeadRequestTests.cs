using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>
/// RFC 9110 §9.3.2: "The HEAD method is identical to GET except that the server MUST NOT send content in the
/// response", with the header fields a GET would have (those only known while writing the content, such as
/// Transfer-Encoding, may be left out). A HEAD on the API's GETs was a 405.
/// </summary>
public sealed class HeadRequestTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly HashSet<string> WrittenWithTheContent = new(StringComparer.OrdinalIgnoreCase) { "Date", "Transfer-Encoding" };

    [Fact]
    public void Every_GET_endpoint_also_answers_HEAD()
    {
        var gets = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern.RawText, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Methods.Contains(HttpMethods.Get))
            .ToList();

        Assert.Contains(gets, e => e.Route == "/v1/uploads/{uploadId}");
        Assert.All(gets, e => Assert.True(e.Methods.Contains(HttpMethods.Head), $"GET {e.Route} does not answer HEAD."));
    }

    [Fact]
    public async Task HEAD_answers_what_GET_does_without_the_content()
    {
        var upload = await fixture.Api.UploadAsync(TestFiles.Png(), "image", "head.png", "image/png");
        Assert.Equal("imported", upload.Status);
        var (uploadId, assetId) = (upload.Id, upload.EntityId);
        var download = (await fixture.Api.GetJsonAsync($"v1/assets/{assetId}")).GetProperty("asset").GetProperty("url").GetString()!;
        List<string> paths =
        [
            $"v1/uploads/{uploadId}", "v1/uploads?pageSize=1", $"v1/assets/{assetId}", $"v1/jobs/{upload.JobId}",
            "v1/models/model_0VcYpQVVtToEJ6tZi7b8AG", "healthz", "readyz", "openapi/v1.json",
        ];
        // On S3 the download URL is the store's own, presigned: not this service's to answer.
        if (download.StartsWith(fixture.Host.BaseUrl.ToString(), StringComparison.Ordinal))
        {
            paths.Add(download);
        }

        foreach (var path in paths)
        {
            await AssertSameAnswerAsync(fixture.Api.Client, path);
        }
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseUrl };
        await AssertSameAnswerAsync(anonymous, $"v1/uploads/{uploadId}");
    }

    private static async Task AssertSameAnswerAsync(HttpClient client, string path)
    {
        using var get = await client.GetAsync(path);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.True(get.StatusCode == head.StatusCode, $"HEAD {path}: {(int)head.StatusCode}, GET: {(int)get.StatusCode}.");
        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(Headers(get), Headers(head));
    }

    private static SortedDictionary<string, string> Headers(HttpResponseMessage response) =>
        new(response.Headers.Concat(response.Content.Headers)
            .Where(h => !WrittenWithTheContent.Contains(h.Key))
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
}
