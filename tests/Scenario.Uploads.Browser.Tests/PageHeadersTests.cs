using System.Net;
using System.Text;
using Scenario.Testing;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>What the service answers for the page itself, and the cross-site guard in front of the API.</summary>
public sealed class PageHeadersTests
{
    [Fact]
    public async Task The_page_is_served_at_the_root_with_a_policy_that_allows_no_inline_script_and_no_other_site()
    {
        await using var host = await ServiceHost.StartAsync();
        using var client = ServiceHost.CreateAnonymousClient();

        using var response = await client.GetAsync(host.BaseUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("'unsafe-eval'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        // On S3 the page must reach the store for the part PUTs, and nothing else.
        var connect = policy.Split(';').Single(d => d.Trim().StartsWith("connect-src", StringComparison.Ordinal)).Trim();
        Assert.Equal(TestBackend.IsPostgresS3 ? $"connect-src 'self' {new Uri(TestBackend.S3Endpoint!).GetLeftPart(UriPartial.Authority)}" : "connect-src 'self'", connect);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/page/app-", html);
        Assert.DoesNotContain("<script>", html);
        var script = System.Text.RegularExpressions.Regex.Match(html, "/page/app-[A-Z0-9]+\\.js").Value;
        using var bundle = await client.GetAsync(new Uri(host.BaseUrl, script));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", bundle.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_form_of_another_site_cannot_create_an_upload_even_with_credentials_the_browser_remembers()
    {
        await using var host = await ServiceHost.StartAsync();
        using var client = host.CreateClient();
        const string body = "{\"url\":\"https://example.com/a.png\",\"kind\":\"image\"}";

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "v1/uploads") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        crossSite.Headers.Add("Origin", "https://evil.example");
        using var refused = await client.SendAsync(crossSite);
        using var fromOrigin = new HttpRequestMessage(HttpMethod.Post, "v1/uploads") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        fromOrigin.Headers.Add("Origin", "https://evil.example");
        using var refusedByOrigin = await client.SendAsync(fromOrigin);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("cross_site_request", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refusedByOrigin.StatusCode);
        Assert.Empty(await UploadPage.ListUploadsAsync(host));
    }
}
