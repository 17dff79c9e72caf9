using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>
/// tus 1.0.0 requests written by hand with HttpClient, for the protocol's rules that the stock clients never break:
/// every request carries <c>Tus-Resumable: 1.0.0</c> and the API key unless the test says otherwise.
/// </summary>
public sealed class TusHttp(HttpClient client) : IDisposable
{
    public const string Version = "1.0.0";
    public const string OffsetOctetStream = "application/offset+octet-stream";

    public HttpClient Client => client;

    public static TusHttp For(ServiceHost host, string? apiKey = null, string? apiSecret = null) => new(host.CreateClient(apiKey, apiSecret));

    public static TusHttp For(ServiceProcess process) => new(ServiceHost.CreateClient(process.BaseUrl, TestKeys.ApiKey, TestKeys.ApiSecret));

    /// <summary><c>Upload-Metadata</c>: each pair as <c>key base64(value)</c>, a null value as the bare key.</summary>
    public static string Metadata(params (string Key, string? Value)[] pairs) => string.Join(',', pairs.Select(p =>
        p.Value is null ? p.Key : $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));

    public static string ImageMetadata(string fileName) => Metadata(("filename", fileName), ("filetype", "image/png"), ("kind", "image"));

    public static HttpRequestMessage Request(HttpMethod method, string url, bool tusResumable = true)
    {
        var request = new HttpRequestMessage(method, url);
        if (tusResumable)
        {
            request.Headers.TryAddWithoutValidation("Tus-Resumable", Version);
        }
        return request;
    }

    /// <summary>Creation: <c>POST /v1/tus</c> with <c>Upload-Length</c> (or deferred when null) and the metadata; a body is creation-with-upload.</summary>
    public Task<HttpResponseMessage> CreateAsync(long? length, string? metadata, byte[]? body = null, Action<HttpRequestMessage>? alter = null)
    {
        var request = Request(HttpMethod.Post, "v1/tus");
        request.Headers.TryAddWithoutValidation(length is { } l ? "Upload-Length" : "Upload-Defer-Length", length?.ToString(CultureInfo.InvariantCulture) ?? "1");
        if (metadata is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Metadata", metadata);
        }
        if (body is not null)
        {
            request.Content = Octets(body);
        }
        alter?.Invoke(request);
        return client.SendAsync(request);
    }

    /// <summary>Creates an upload that must be accepted (201): its URL.</summary>
    public async Task<string> CreatedAsync(long length, string? metadata)
    {
        var response = await CreateAsync(length, metadata);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created,
            $"Expected 201, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return UrlOf(response);
    }

    public Task<HttpResponseMessage> PatchAsync(string url, long offset, ReadOnlyMemory<byte> body, string? checksum = null, Action<HttpRequestMessage>? alter = null)
    {
        var request = Request(HttpMethod.Patch, url);
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        if (checksum is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Checksum", checksum);
        }
        request.Content = Octets(body);
        alter?.Invoke(request);
        return client.SendAsync(request);
    }

    public Task<HttpResponseMessage> HeadAsync(string url) => client.SendAsync(Request(HttpMethod.Head, url));

    public Task<HttpResponseMessage> DeleteAsync(string url) => client.SendAsync(Request(HttpMethod.Delete, url));

    /// <summary>The offset a HEAD reports; the HEAD must answer 200 or 204.</summary>
    public async Task<long> OffsetAsync(string url)
    {
        var head = await HeadAsync(url);
        Assert.True(head.IsSuccessStatusCode, $"HEAD {url}: {(int)head.StatusCode}");
        return Offset(head);
    }

    public static long Offset(HttpResponseMessage response) =>
        long.Parse(Header(response, "Upload-Offset") ?? throw new InvalidOperationException($"No Upload-Offset in the {(int)response.StatusCode} answer."),
            CultureInfo.InvariantCulture);

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(", ", contentValues)
        : null;

    /// <summary>The absolute URL in a creation's <c>Location</c>, resolved against the request's, as clients do.</summary>
    public static string UrlOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No Location in the {(int)response.StatusCode} answer.");
        return (location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location)).ToString();
    }

    /// <summary>
    /// The URL's path, <c>/v1/tus/{uploadId}</c>, which each client resolves against its own instance: the URL a
    /// creation answers names the instance that made it, as it would name a load balancer in front of several.
    /// </summary>
    public static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url;

    /// <summary>The upload's id: the last segment of its URL, <c>/v1/tus/{uploadId}</c>.</summary>
    public static string IdOf(string url) => PathOf(url).Split('/')[^1];

    public static ReadOnlyMemoryContent Octets(ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(OffsetOctetStream);
        return content;
    }

    public void Dispose() => client.Dispose();
}
