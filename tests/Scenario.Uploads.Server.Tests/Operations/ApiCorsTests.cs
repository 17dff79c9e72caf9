using System.Net;
using System.Text;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Operations;

/// <summary>
/// Cors:AllowedOrigins opens the /v1 API to the web apps named there, with HTTP Basic in a header (no
/// credentials mode); any other origin gets no CORS headers, and its state-changing requests stay refused.
/// </summary>
public sealed class ApiCorsTests
{
    private const string App = "https://app.example.test";
    private const string Elsewhere = "https://elsewhere.example.test";

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_with_basic_auth_allowed()
    {
        await using var host = await Hosts.StartAsync(("Cors:AllowedOrigins:0", App + "/"));
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        var response = await client.SendAsync(Preflight("v1/uploads", App, "POST", "authorization,content-type"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(App, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods")!, StringComparison.OrdinalIgnoreCase);
        var headers = Header(response, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        Assert.Contains("authorization", headers);
        Assert.Contains("content-type", headers);
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_preflight_from_another_origin_gets_no_cors_headers_while_part_urls_stay_open_to_any()
    {
        await using var host = await Hosts.StartAsync(("Cors:AllowedOrigins:0", App));
        using var api = new UploadApi(host);
        var upload = await api.CreateAsync(Hosts.SmallUpload);
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        var refused = await client.SendAsync(Preflight($"v1/uploads/{upload.Id}", Elsewhere, "GET", "authorization"));
        var part = await client.SendAsync(Preflight(upload.Parts[0].Url!, Elsewhere, "PUT", "content-type"));

        Assert.DoesNotContain(refused.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        if (TestBackend.PartsGoThroughService)
        {
            Assert.Equal("*", Header(part, "Access-Control-Allow-Origin"));
        }
    }

    [Fact]
    public async Task With_no_origin_configured_the_api_answers_no_preflight()
    {
        await using var host = await Hosts.StartAsync();
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        var response = await client.SendAsync(Preflight("v1/uploads", App, "POST", "authorization,content-type"));

        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_cross_origin_create_from_an_allowed_origin_works_and_one_from_another_origin_is_refused()
    {
        await using var host = await Hosts.StartAsync(("Cors:AllowedOrigins:0", "https://other.example.test"), ("Cors:AllowedOrigins:1", App));
        using var api = new UploadApi(host);

        var created = await api.Client.SendAsync(CrossOriginCreate(App));
        var refused = await api.Client.SendAsync(CrossOriginCreate(Elsewhere));

        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("\"status\":\"pending\"", body);
        Assert.Equal(App, Header(created, "Access-Control-Allow-Origin"));
        Assert.Contains("retry-after", Header(created, "Access-Control-Expose-Headers")!.ToLowerInvariant());
        await ProblemAssert.IsProblem(refused, HttpStatusCode.Forbidden, "cross_site_request");
        Assert.Null(Header(refused, "Access-Control-Allow-Origin"));
        Assert.Equal(1, await api.CountUploadsAsync());
    }

    // What a browser sends from a page of `origin`: fetch() with the Authorization header its script set.
    private static HttpRequestMessage CrossOriginCreate(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/uploads")
        {
            Content = new StringContent("""{"fileName":"a.bin","contentType":"application/octet-stream","fileSize":10,"parts":1,"kind":"asset"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Sec-Fetch-Mode", "cors");
        return request;
    }

    private static HttpRequestMessage Preflight(string url, string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
