using System.Net.Http.Json;
using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Operations;

/// <summary>
/// Behind a reverse proxy (ForwardedHeaders:Enabled), a known proxy's X-Forwarded-Proto/-Host/-Prefix make the
/// signed URLs the public ones; the same headers from any other address are ignored.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string OnS3 = "Under S3 the signed URLs are the bucket's, whatever the request's host.";

    [Fact(Skip = OnS3, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task From_a_known_proxy_the_signed_urls_are_on_the_public_host()
    {
        // The test client connects from 127.0.0.1: the proxy on this machine, trusted by default.
        await using var host = await Hosts.StartAsync(("ForwardedHeaders:Enabled", "true"));
        using var api = new UploadApi(host);

        var plain = await CreateAsync(api, ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "uploads.example.test"));
        var prefixed = await CreateAsync(api, ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "uploads.example.test:8443"), ("X-Forwarded-Prefix", "/scenario"));

        Assert.StartsWith("https://uploads.example.test/v1/", PartUrl(plain));
        Assert.StartsWith("https://uploads.example.test:8443/scenario/v1/", PartUrl(prefixed));
    }

    [Fact(Skip = OnS3, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task From_an_address_that_is_no_known_proxy_the_headers_are_ignored()
    {
        await using var host = await Hosts.StartAsync(("ForwardedHeaders:Enabled", "true"), ("ForwardedHeaders:KnownProxies:0", "192.0.2.10"),
            ("ForwardedHeaders:KnownNetworks:0", "198.51.100.0/24"));
        using var api = new UploadApi(host);

        var upload = await CreateAsync(api, ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "uploads.example.test"));

        Assert.StartsWith(new Uri(host.BaseUrl, "v1/").AbsoluteUri, PartUrl(upload));
    }

    [Fact(Skip = OnS3, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task Off_by_default_the_headers_are_ignored()
    {
        await using var host = await Hosts.StartAsync();
        using var api = new UploadApi(host);

        var upload = await CreateAsync(api, ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "uploads.example.test"));

        Assert.StartsWith(new Uri(host.BaseUrl, "v1/").AbsoluteUri, PartUrl(upload));
    }

    private static async Task<Upload> CreateAsync(UploadApi api, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/uploads") { Content = JsonContent.Create(Hosts.SmallUpload) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        var response = await api.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return Upload.From(JsonDocument.Parse(body).RootElement);
    }

    private static string PartUrl(Upload upload) => upload.Parts[0].Url!;
}
