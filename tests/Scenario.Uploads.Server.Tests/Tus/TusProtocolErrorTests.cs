using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>
/// tus 1.0.0's error rules, with requests written by hand: each refusal has the status the protocol gives it, a
/// problem+json body where the protocol leaves the body free, and changes nothing (the offset stays where it was).
/// </summary>
public sealed class TusProtocolErrorTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const int Size = 64 * 1024;

    [Fact]
    public async Task Options_announces_the_version_every_extension_the_maximum_size_and_the_checksum_algorithms()
    {
        using var tus = TusHttp.For(fixture.Host);

        var options = await tus.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "v1/tus"));

        Assert.True(options.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"OPTIONS: {(int)options.StatusCode}");
        Assert.Equal("1.0.0", TusHttp.Header(options, "Tus-Version"));
        var extensions = List(TusHttp.Header(options, "Tus-Extension"));
        foreach (var extension in new[] { "creation", "creation-with-upload", "creation-defer-length", "expiration", "checksum", "termination", "concatenation" })
        {
            Assert.Contains(extension, extensions);
        }
        Assert.True(long.Parse(TusHttp.Header(options, "Tus-Max-Size")!, CultureInfo.InvariantCulture) > 0);
        var algorithms = List(TusHttp.Header(options, "Tus-Checksum-Algorithm"));
        Assert.Contains("sha1", algorithms);
        Assert.Contains("md5", algorithms);
        Assert.Contains("sha256", algorithms);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0.2.2")]
    public async Task A_request_without_the_supported_Tus_Resumable_is_refused_with_412_naming_the_version(string? version)
    {
        using var tus = TusHttp.For(fixture.Host);
        var url = await tus.CreatedAsync(Size, TusHttp.ImageMetadata("versioned.png"));

        foreach (var request in new[] { new HttpRequestMessage(HttpMethod.Post, "v1/tus"), new HttpRequestMessage(HttpMethod.Head, url), Patch(url, 0, new byte[10]) })
        {
            request.Headers.Remove("Tus-Resumable");
            if (version is not null)
            {
                request.Headers.TryAddWithoutValidation("Tus-Resumable", version);
            }
            request.Headers.TryAddWithoutValidation("Upload-Length", "10");
            var response = await tus.Client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.PreconditionFailed, $"{request.Method} with Tus-Resumable {version ?? "(none)"}: {(int)response.StatusCode}");
            Assert.Equal("1.0.0", TusHttp.Header(response, "Tus-Version"));
        }
        Assert.Equal(0, await tus.OffsetAsync(url));
    }

    [Fact]
    public async Task A_patch_at_the_wrong_offset_is_refused_with_409_and_the_current_offset()
    {
        using var tus = TusHttp.For(fixture.Host);
        var bytes = UploadFlowTests.RandomBytes(Size, seed: 41);
        var url = await tus.CreatedAsync(Size, TusHttp.Metadata(("filename", "offset.bin"), ("kind", "asset")));
        Assert.Equal(HttpStatusCode.NoContent, (await tus.PatchAsync(url, 0, bytes.AsMemory(0, 1000))).StatusCode);

        var response = await tus.PatchAsync(url, 500, bytes.AsMemory(500, 1000));

        await TusAssert.TusProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(1000, TusHttp.Offset(response));
        Assert.Equal(1000, await tus.OffsetAsync(url));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData(null)]
    public async Task A_patch_without_a_valid_Upload_Offset_is_refused_with_400(string? offset)
    {
        using var tus = TusHttp.For(fixture.Host);
        var url = await tus.CreatedAsync(Size, TusHttp.Metadata(("filename", "offsetless.bin"), ("kind", "asset")));

        var response = await tus.PatchAsync(url, 0, new byte[1000], alter: request =>
        {
            request.Headers.Remove("Upload-Offset");
            if (offset is not null)
            {
                request.Headers.TryAddWithoutValidation("Upload-Offset", offset);
            }
        });

        await TusAssert.TusProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, await tus.OffsetAsync(url));
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task A_patch_with_another_content_type_is_refused_with_415(string? contentType)
    {
        using var tus = TusHttp.For(fixture.Host);
        var url = await tus.CreatedAsync(Size, TusHttp.Metadata(("filename", "typed.bin"), ("kind", "asset")));

        var response = await tus.PatchAsync(url, 0, new byte[1000], alter: request =>
        {
            request.Content!.Headers.ContentType = contentType is null ? null : new(contentType);
        });

        await TusAssert.TusProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, await tus.OffsetAsync(url));
    }

    [Theory]
    [InlineData("sha1")]
    [InlineData("md5")]
    [InlineData("sha256")]
    public async Task A_patch_whose_checksum_does_not_match_is_refused_with_460_and_its_bytes_are_not_kept(string algorithm)
    {
        using var tus = TusHttp.For(fixture.Host);
        var bytes = UploadFlowTests.RandomBytes(Size, seed: 42);
        var url = await tus.CreatedAsync(Size, TusHttp.Metadata(("filename", "checked.bin"), ("kind", "asset")));
        var first = bytes.AsMemory(0, Size / 2);
        Assert.Equal(HttpStatusCode.NoContent, (await tus.PatchAsync(url, 0, first, Checksum(algorithm, first.Span))).StatusCode);
        var second = bytes.AsMemory(Size / 2);

        var wrong = await tus.PatchAsync(url, Size / 2, second, Checksum(algorithm, first.Span));

        await TusAssert.TusProblemAsync(wrong, (HttpStatusCode)460);
        Assert.Equal(Size / 2, await tus.OffsetAsync(url));
        Assert.Equal(HttpStatusCode.NoContent, (await tus.PatchAsync(url, Size / 2, second, Checksum(algorithm, second.Span))).StatusCode);
        Assert.Equal(Size, await tus.OffsetAsync(url));
    }

    [Theory]
    [InlineData("crc32 AAAAAA==")]
    [InlineData("sha1 not-a-digest")]
    public async Task A_patch_with_a_checksum_of_an_unknown_algorithm_or_form_is_refused_with_400(string checksum)
    {
        using var tus = TusHttp.For(fixture.Host);
        var url = await tus.CreatedAsync(Size, TusHttp.Metadata(("filename", "unknown.bin"), ("kind", "asset")));

        var response = await tus.PatchAsync(url, 0, new byte[1000], checksum);

        await TusAssert.TusProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, await tus.OffsetAsync(url));
    }

    [Fact]
    public async Task A_creation_past_Tus_Max_Size_is_refused_with_413_and_creates_nothing()
    {
        using var tus = TusHttp.For(fixture.Host);
        var max = await MaxSizeAsync(tus);
        var before = await fixture.Api.CountUploadsAsync();

        var response = await tus.CreateAsync(max + 1, TusHttp.Metadata(("filename", "huge.bin"), ("kind", "asset")));

        await TusAssert.TusProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await fixture.Api.CountUploadsAsync());
    }

    [Fact]
    public async Task A_deferred_length_given_past_Tus_Max_Size_is_refused_with_413_and_nothing_is_appended()
    {
        using var tus = TusHttp.For(fixture.Host);
        var max = await MaxSizeAsync(tus);
        var created = await tus.CreateAsync(null, TusHttp.Metadata(("filename", "deferred.bin"), ("kind", "asset")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = TusHttp.UrlOf(created);

        var response = await tus.PatchAsync(url, 0, new byte[1000], alter: request =>
            request.Headers.TryAddWithoutValidation("Upload-Length", (max + 1).ToString(CultureInfo.InvariantCulture)));

        await TusAssert.TusProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await tus.OffsetAsync(url));
    }

    [Fact]
    public async Task Another_owners_upload_is_not_found_and_stays_as_it_was()
    {
        using var tus = TusHttp.For(fixture.Host);
        using var other = TusHttp.For(fixture.Host, TestKeys.OtherApiKey, TestKeys.OtherApiSecret);
        var url = await tus.CreatedAsync(Size, TusHttp.Metadata(("filename", "mine.bin"), ("kind", "asset")));
        Assert.Equal(HttpStatusCode.NoContent, (await tus.PatchAsync(url, 0, new byte[1000])).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await other.HeadAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tus.HeadAsync("v1/tus/upload_0000000000000000000000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tus.HeadAsync("v1/tus/not-an-id")).StatusCode);
        await TusAssert.TusProblemAsync(await other.PatchAsync(url, 1000, new byte[1000]), HttpStatusCode.NotFound, "not_found");
        await TusAssert.TusProblemAsync(await other.DeleteAsync(url), HttpStatusCode.NotFound, "not_found");

        Assert.Equal(1000, await tus.OffsetAsync(url));
        Assert.Equal("pending", (await fixture.Api.RetrieveAsync(TusHttp.IdOf(url))).Status);
    }

    [Fact]
    public async Task A_request_without_credentials_is_refused_with_401()
    {
        using var tus = TusHttp.For(fixture.Host);
        var url = await tus.CreatedAsync(Size, TusHttp.Metadata(("filename", "locked.bin"), ("kind", "asset")));
        using var anonymous = new TusHttp(new HttpClient { BaseAddress = fixture.Host.BaseUrl });

        var create = await anonymous.CreateAsync(Size, TusHttp.Metadata(("filename", "anonymous.bin"), ("kind", "asset")));
        var patch = await anonymous.PatchAsync(url, 0, new byte[1000]);

        await TusAssert.ProblemAsync(create, HttpStatusCode.Unauthorized, "unauthorized");
        await TusAssert.ProblemAsync(patch, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("Basic", create.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.HeadAsync(url)).StatusCode);
        Assert.Equal(0, await tus.OffsetAsync(url));
    }

    private static async Task<long> MaxSizeAsync(TusHttp tus)
    {
        var options = await tus.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "v1/tus"));
        return long.Parse(TusHttp.Header(options, "Tus-Max-Size")!, CultureInfo.InvariantCulture);
    }

    private static HttpRequestMessage Patch(string url, long offset, byte[] body)
    {
        var request = TusHttp.Request(HttpMethod.Patch, url);
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Content = TusHttp.Octets(body);
        return request;
    }

    private static string Checksum(string algorithm, ReadOnlySpan<byte> bytes) => algorithm + " " + Convert.ToBase64String(algorithm switch
    {
        "sha1" => SHA1.HashData(bytes),
        "md5" => MD5.HashData(bytes),
        _ => SHA256.HashData(bytes),
    });

    private static string[] List(string? header) =>
        (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
