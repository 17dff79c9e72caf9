using System.Net;

namespace Scenario.Uploads.Server.Tests.OpenApi;

/// <summary>
/// The drift test's tus and RUFH flows: discovery, a tus upload in two appends (after a wrong offset, a missing
/// Tus-Resumable, a wrong Content-Type, a bad checksum and bytes past the length), its offset, a whole file in one
/// RUFH creation, and a terminated upload, so every resumable operation and its protocol errors are checked. The
/// offset is asked with GET (the document lists GET for the GET and HEAD route; both protocols answer GET as HEAD).
/// </summary>
internal sealed class DriftResumableFlows(DriftFixture fixture)
{
    private HttpClient Api => fixture.Api;

    public async Task RunAsync()
    {
        await fixture.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, "v1/tus"));
        await TusAsync();
        await RufhAsync();
        await TerminatedAsync();
    }

    private async Task TusAsync()
    {
        var bytes = TestFiles.Png();
        var url = await CreateAsync(bytes.Length, "filename ZHJpZnQucG5n");
        var half = bytes.Length / 2;
        await Append(url, 1, bytes.AsMemory(0, half)); // 409 upload_offset_mismatch
        await Api.GetAsync(url); // 412 tus_version_unsupported
        await Api.SendAsync(Tus(HttpMethod.Patch, url, new ByteArrayContent(bytes, 0, half))); // 415: no offset stream
        await Append(url, 0, bytes.AsMemory(0, half), "sha1 " + Convert.ToBase64String(new byte[20])); // 460 checksum_mismatch
        await Append(url, 0, new byte[bytes.Length + 1]); // 413 upload_too_large
        await Append(url, 0, bytes.AsMemory(0, half));
        await Api.SendAsync(Tus(HttpMethod.Get, url));
        await Append(url, half, bytes.AsMemory(half));
    }

    private async Task RufhAsync()
    {
        var bytes = TestFiles.Png();
        var create = new HttpRequestMessage(HttpMethod.Post, "v1/tus") { Content = new ByteArrayContent(bytes) };
        create.Headers.Add("Upload-Draft-Interop-Version", "6");
        create.Headers.Add("Upload-Complete", "?1");
        var created = await Api.SendAsync(create);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var get = new HttpRequestMessage(HttpMethod.Get, created.Headers.Location);
        get.Headers.Add("Upload-Draft-Interop-Version", "9");
        await Api.SendAsync(get);
    }

    private async Task TerminatedAsync()
    {
        var url = await CreateAsync(10, null);
        await Api.SendAsync(Tus(HttpMethod.Delete, url));
        await Api.SendAsync(Tus(HttpMethod.Get, url)); // 410 upload_gone
        await Api.SendAsync(Tus(HttpMethod.Get, new Uri("v1/tus/upload_0000000000000000000000", UriKind.Relative))); // 404
    }

    private async Task<Uri> CreateAsync(long length, string? metadata)
    {
        var request = Tus(HttpMethod.Post, new Uri("v1/tus", UriKind.Relative));
        request.Headers.Add("Upload-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (metadata is not null)
        {
            request.Headers.Add("Upload-Metadata", metadata);
        }
        var created = await Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created.Headers.Location!;
    }

    private Task<HttpResponseMessage> Append(Uri url, long offset, ReadOnlyMemory<byte> bytes, string? checksum = null)
    {
        var content = new ReadOnlyMemoryContent(bytes);
        content.Headers.ContentType = new("application/offset+octet-stream");
        var request = Tus(HttpMethod.Patch, url, content);
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (checksum is not null)
        {
            request.Headers.Add("Upload-Checksum", checksum);
        }
        return Api.SendAsync(request);
    }

    private static HttpRequestMessage Tus(HttpMethod method, Uri url, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }
}
