using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>
/// The IETF draft "Resumable Uploads for HTTP" at its current interop version, on the same endpoint as tus, with
/// requests written by hand: creation (whole or incomplete), offset retrieval, append, a wrong offset, cancellation.
/// </summary>
public sealed class RufhTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    /// <summary>The current draft's Upload-Draft-Interop-Version, as the service serves it.</summary>
    public const string CurrentVersion = "9";

    private const string PartialUpload = "application/partial-upload";

    /// <summary>
    /// What real clients send: the current draft's version, 6 (tus-js-client's ietf-draft-05, iOS 18.1+), 5 and 3 (older
    /// iOS, which sends a whole file in one request); version 3 says Upload-Incomplete: ?0 where later ones say
    /// Upload-Complete: ?1.
    /// </summary>
    [Theory]
    [InlineData(CurrentVersion)]
    [InlineData("6")]
    [InlineData("5")]
    [InlineData("3")]
    public async Task A_whole_file_in_one_complete_creation_is_answered_with_the_upload_and_imported(string version)
    {
        var bytes = TestFiles.NoisyPng(256 * 1024, seed: 61);
        using var client = fixture.Host.CreateClient();
        var request = Creation(bytes, complete: true, "whole.png", version);

        var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(version == "3" ? "?0" : "?1", TusHttp.Header(response, version == "3" ? "Upload-Incomplete" : "Upload-Complete"));
        var upload = Upload.From(JsonDocument.Parse(body).RootElement);
        await TusAssert.ImportedAsync(fixture.Api, upload.Id, bytes, "whole.png", "image");
    }

    [Fact]
    public async Task An_incomplete_creation_is_continued_after_its_offset_is_retrieved_and_imported()
    {
        var bytes = TestFiles.NoisyPng(1 * TusFiles.MiB, seed: 62);
        using var client = fixture.Host.CreateClient();
        var first = bytes.AsMemory(0, 300_000);

        var created = await client.SendAsync(Creation(first.ToArray(), complete: false, "halves.png"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        Assert.False(string.IsNullOrEmpty(TusHttp.Header(created, "Upload-Limit")), "the creation's answer announces Upload-Limit");
        var url = TusHttp.UrlOf(created);
        var head = await client.SendAsync(Request(HttpMethod.Head, url));

        Assert.True(head.IsSuccessStatusCode, $"HEAD: {(int)head.StatusCode}");
        Assert.Equal(first.Length, TusHttp.Offset(head));
        Assert.Equal("?0", TusHttp.Header(head, "Upload-Complete"));
        Assert.Contains("max-size=", TusHttp.Header(head, "Upload-Limit") ?? "", StringComparison.Ordinal);
        Assert.Contains("no-store", TusHttp.Header(head, "Cache-Control") ?? "", StringComparison.Ordinal);
        // From interop version 9 a GET asks the offset as HEAD does.
        Assert.Equal(first.Length, TusHttp.Offset(await client.SendAsync(Request(HttpMethod.Get, url))));
        var append = await client.SendAsync(Append(url, first.Length, bytes.AsMemory(first.Length), complete: true));
        Assert.True(append.IsSuccessStatusCode, $"PATCH: {(int)append.StatusCode} {await append.Content.ReadAsStringAsync()}");
        Assert.Equal("?1", TusHttp.Header(append, "Upload-Complete"));
        await TusAssert.ImportedAsync(fixture.Api, TusHttp.IdOf(url), bytes, "halves.png", "image");
    }

    [Fact]
    public async Task An_append_at_the_wrong_offset_is_refused_with_409_saying_both_offsets()
    {
        var bytes = TestFiles.NoisyPng(200_000, seed: 63);
        using var client = fixture.Host.CreateClient();
        var created = await client.SendAsync(Creation(bytes[..1000], complete: false, "offset.png"));
        var url = TusHttp.UrlOf(created);

        var response = await client.SendAsync(Append(url, 500, bytes.AsMemory(500, 1000), complete: false));

        var problem = await TusAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.EndsWith("mismatching-upload-offset", problem.Json.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(1000, TusHttp.Offset(response));
        Assert.Equal(1000, problem.Json.GetProperty("expected-offset").GetInt64());
        Assert.Equal(500, problem.Json.GetProperty("provided-offset").GetInt64());
        Assert.Equal(1000, TusHttp.Offset(await client.SendAsync(Request(HttpMethod.Head, url))));
    }

    [Fact]
    public async Task An_append_to_a_completed_upload_is_refused_with_400_and_changes_nothing()
    {
        var bytes = TestFiles.NoisyPng(100_000, seed: 65);
        using var client = fixture.Host.CreateClient();
        var created = await client.SendAsync(Creation(bytes, complete: true, "done.png"));
        Assert.True(created.IsSuccessStatusCode, $"{(int)created.StatusCode}");
        var url = TusHttp.UrlOf(created);

        var response = await client.SendAsync(Append(url, bytes.Length, new byte[10], complete: true));

        // The draft: MUST reject, MAY say so with the problem type completed-upload.
        await TusAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        await TusAssert.ImportedAsync(fixture.Api, TusHttp.IdOf(url), bytes, "done.png", "image");
    }

    [Fact]
    public async Task A_complete_creation_shorter_than_its_Upload_Length_is_refused_with_400()
    {
        var bytes = TestFiles.NoisyPng(100_000, seed: 66);
        using var client = fixture.Host.CreateClient();
        var request = Creation(bytes, complete: true, "short.png");
        request.Headers.TryAddWithoutValidation("Upload-Length", (bytes.Length * 2).ToString(CultureInfo.InvariantCulture));

        var response = await client.SendAsync(request);

        await TusAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("99")]
    [InlineData("six")]
    public async Task A_request_of_an_interop_version_not_served_is_refused_with_400(string version)
    {
        using var client = fixture.Host.CreateClient();
        var before = await fixture.Api.CountUploadsAsync();

        var response = await client.SendAsync(Creation(new byte[100], complete: true, "old.png", version));

        await TusAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await fixture.Api.CountUploadsAsync());
    }

    [Fact]
    public async Task An_append_that_is_not_a_partial_upload_or_says_not_whether_it_completes_is_refused()
    {
        var bytes = TestFiles.NoisyPng(100_000, seed: 67);
        using var client = fixture.Host.CreateClient();
        var url = TusHttp.UrlOf(await client.SendAsync(Creation(bytes[..1000], complete: false, "strict.png")));
        var octets = Append(url, 1000, bytes.AsMemory(1000), complete: true);
        octets.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var silent = Append(url, 1000, bytes.AsMemory(1000), complete: true);
        silent.Headers.Remove("Upload-Complete");

        await TusAssert.ProblemAsync(await client.SendAsync(octets), HttpStatusCode.UnsupportedMediaType);
        await TusAssert.ProblemAsync(await client.SendAsync(silent), HttpStatusCode.BadRequest);
        Assert.Equal(1000, TusHttp.Offset(await client.SendAsync(Request(HttpMethod.Head, url))));
    }

    [Fact]
    public async Task A_cancelled_upload_is_gone()
    {
        var bytes = TestFiles.NoisyPng(200_000, seed: 64);
        using var client = fixture.Host.CreateClient();
        var created = await client.SendAsync(Creation(bytes[..1000], complete: false, "cancelled.png"));
        var url = TusHttp.UrlOf(created);

        var delete = await client.SendAsync(Request(HttpMethod.Delete, url));

        Assert.True(delete.IsSuccessStatusCode, $"DELETE: {(int)delete.StatusCode}");
        var head = await client.SendAsync(Request(HttpMethod.Head, url));
        Assert.True(head.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone, $"HEAD after DELETE: {(int)head.StatusCode}");
        Assert.Equal("failed", (await fixture.Api.RetrieveAsync(TusHttp.IdOf(url))).Status);
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string version = CurrentVersion)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Upload-Draft-Interop-Version", version);
        return request;
    }

    /// <summary>A creation as the draft writes it: the bytes, Upload-Complete, and the file's name in Content-Disposition.</summary>
    private static HttpRequestMessage Creation(byte[] bytes, bool complete, string fileName, string version = CurrentVersion)
    {
        var request = Request(HttpMethod.Post, "v1/tus", version);
        if (version == "3")
        {
            request.Headers.TryAddWithoutValidation("Upload-Incomplete", complete ? "?0" : "?1");
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Upload-Complete", complete ? "?1" : "?0");
        }
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        return request;
    }

    private static HttpRequestMessage Append(string url, long offset, ReadOnlyMemory<byte> bytes, bool complete)
    {
        var request = Request(HttpMethod.Patch, url);
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Upload-Complete", complete ? "?1" : "?0");
        request.Content = new ReadOnlyMemoryContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(PartialUpload);
        return request;
    }
}
