using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Scenario.Testing;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;

namespace Scenario.Uploads.Server.Tests;

/// <summary>Part PUTs that must be refused, and leave the upload as it was.</summary>
public sealed class PartBadInputTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const int MiB = 1024 * 1024;
    private readonly UploadApi _api = fixture.Api;

    private async Task<(Upload Upload, string Id, byte[] Bytes)> CreateTwoPartUpload()
    {
        var bytes = UploadFlowTests.RandomBytes(10 * MiB + 7, seed: 11);
        var upload = await _api.CreateFor(bytes, "asset", "p.bin", "application/octet-stream", parts: 2);
        return (upload, upload.Id, bytes);
    }

    private static string PartUrl(Upload upload, int number) => upload.Parts[number - 1].Url!;

    private async Task AssertPartNotHeld(string id, int number)
    {
        var part = (await _api.RetrieveAsync(id)).Parts[number - 1];
        Assert.False(part.Uploaded, $"part {number} must not be recorded");
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_body_shorter_than_the_part_is_400_and_not_recorded()
    {
        var (upload, id, bytes) = await CreateTwoPartUpload();

        var response = await _api.PutPartAsync(PartUrl(upload, 1), bytes.AsMemory(0, 5 * MiB));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "part_size_mismatch");
        await AssertPartNotHeld(id, 1);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_body_longer_than_the_part_is_400_and_not_recorded()
    {
        var (upload, id, bytes) = await CreateTwoPartUpload();

        var response = await _api.PutPartAsync(PartUrl(upload, 2), bytes.AsMemory(0, 6 * MiB));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "part_size_mismatch");
        await AssertPartNotHeld(id, 2);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_chunked_body_longer_than_the_part_is_400_and_not_recorded()
    {
        var (upload, id, bytes) = await CreateTwoPartUpload();
        await FixPartSizeWithPartOne(upload, bytes);
        using var client = ServiceHost.CreateAnonymousClient();
        var content = new StreamContent(new MemoryStream(bytes, 0, 6 * MiB));
        var request = new HttpRequestMessage(HttpMethod.Put, PartUrl(upload, 2)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "part_size_mismatch");
        await AssertPartNotHeld(id, 2);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_chunked_body_of_the_right_length_is_accepted()
    {
        var (upload, id, bytes) = await CreateTwoPartUpload();
        await FixPartSizeWithPartOne(upload, bytes);
        using var client = ServiceHost.CreateAnonymousClient();
        var request = new HttpRequestMessage(HttpMethod.Put, PartUrl(upload, 2)) { Content = new StreamContent(new MemoryStream(bytes[(5 * MiB + 4)..])) };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.True((await _api.RetrieveAsync(id)).Parts[1].Uploaded);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_chunked_part_before_the_part_size_is_fixed_is_411_and_not_recorded()
    {
        var (upload, id, bytes) = await CreateTwoPartUpload();
        using var client = ServiceHost.CreateAnonymousClient();
        var request = new HttpRequestMessage(HttpMethod.Put, PartUrl(upload, 1)) { Content = new StreamContent(new MemoryStream(bytes, 0, 5 * MiB + 4)) };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.LengthRequired, "length_required");
        Assert.Contains("Content-Length", problem.Detail);
        await AssertPartNotHeld(id, 1);
        Assert.False((await _api.RetrieveAsync(id)).Json.TryGetProperty("partSize", out _), "a refused part fixes nothing");
    }

    /// <summary>Sends part 1 with its length, which fixes the part size, so that chunked parts can follow.</summary>
    private async Task FixPartSizeWithPartOne(Upload upload, byte[] bytes)
    {
        var response = await _api.PutPartAsync(PartUrl(upload, 1), bytes.AsMemory(0, 5 * MiB + 4));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_wrong_content_md5_is_bad_digest_and_not_recorded()
    {
        var (upload, id, bytes) = await CreateTwoPartUpload();
        var part = bytes.AsMemory(0, 5 * MiB + 4);

        var response = await _api.PutPartAsync(PartUrl(upload, 1), part, UploadApi.Md5Base64(bytes.AsSpan(1, 100)));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "bad_digest");
        await AssertPartNotHeld(id, 1);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_malformed_content_md5_is_400()
    {
        var (upload, id, bytes) = await CreateTwoPartUpload();

        var response = await _api.PutPartAsync(PartUrl(upload, 1), bytes.AsMemory(0, 5 * MiB + 4), "not-base64!");

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_content_md5");
        await AssertPartNotHeld(id, 1);
    }

    [Theory(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    [InlineData("signature")]
    [InlineData("expires")]
    [InlineData("part number")]
    [InlineData("upload id")]
    [InlineData("no signature")]
    public async Task A_tampered_part_url_is_403(string tampered)
    {
        var (upload, id, bytes) = await CreateTwoPartUpload();
        var other = (await _api.CreateFor(bytes, "asset", "other.bin", "application/octet-stream", parts: 2)).Id;
        var url = PartUrl(upload, 1);
        var bad = tampered switch
        {
            "signature" => url.Replace("signature=", "signature=A"),
            "expires" => url.Replace("expires=", "expires=9"),
            "part number" => url.Replace("/parts/1?", "/parts/2?"),
            "upload id" => url.Replace(id, other),
            _ => url[..url.IndexOf('?')],
        };

        var response = await _api.PutPartAsync(bad, bytes.AsMemory(0, tampered == "part number" ? 5 * MiB + 3 : 5 * MiB + 4));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "invalid_signature");
        await AssertPartNotHeld(id, 1);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_validly_signed_url_for_a_part_outside_the_plan_is_400()
    {
        var (upload, id, bytes) = await CreateTwoPartUpload();
        var signer = fixture.Host.Services.GetRequiredService<UrlSigner>();
        var record = await fixture.Host.Services.GetRequiredService<IUploadRepository>().FindAsync(id, CancellationToken.None);
        var url = signer.SignPartUrl(record!, 3, DateTimeOffset.UtcNow.AddMinutes(5), fixture.Host.BaseUrl.AbsoluteUri);

        var response = await _api.PutPartAsync(url, bytes.AsMemory(0, 10));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "part_out_of_plan");
        Assert.Equal(2, (await _api.RetrieveAsync(id)).Parts.Count);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_part_number_that_is_not_a_number_is_400()
    {
        var (upload, _, bytes) = await CreateTwoPartUpload();

        var response = await _api.PutPartAsync(PartUrl(upload, 1).Replace("/parts/1?", "/parts/one?"), bytes.AsMemory(0, 10));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "part_out_of_plan");
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_malformed_upload_id_in_a_part_url_is_404_about_the_upload()
    {
        var (upload, id, bytes) = await CreateTwoPartUpload();

        var response = await _api.PutPartAsync(PartUrl(upload, 1).Replace(id, "upload_%20bad!id"), bytes.AsMemory(0, 10));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "not_found");
        Assert.Contains("upload", problem.Detail);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_put_after_complete_is_409()
    {
        var bytes = TestFiles.Png();
        var upload = await _api.CreateFor(bytes, "image", "a.png", "image/png");
        await _api.PutPartsAsync(upload, bytes);
        var id = upload.Id;
        await _api.CompleteAsync(id);

        var response = await _api.PutPartAsync(PartUrl(upload, 1), bytes);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "upload_not_pending");
        Assert.Equal("imported", (await _api.WaitForEndAsync(id)).Status);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_put_after_abort_is_409()
    {
        var (upload, id, bytes) = await CreateTwoPartUpload();
        Assert.Equal(HttpStatusCode.OK, (await _api.ActionAsync(id, "abort")).StatusCode);

        var response = await _api.PutPartAsync(PartUrl(upload, 1), bytes.AsMemory(0, 5 * MiB + 4));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "upload_failed");
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task An_expired_part_url_is_403_and_retrieve_gives_a_fresh_one()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Uploads:PartUrlLifetime"] = "00:00:01" },
        });
        using var api = new UploadApi(host);
        var bytes = TestFiles.Png();
        var upload = await api.CreateFor(bytes, "image", "a.png", "image/png");
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        var expired = await api.PutPartAsync(PartUrl(upload, 1), bytes);

        await ProblemAssert.IsProblem(expired, HttpStatusCode.Forbidden, "url_expired");
        var fresh = await api.RetrieveAsync(upload.Id);
        Assert.Equal(HttpStatusCode.OK, (await api.PutPartAsync(PartUrl(fresh, 1), bytes)).StatusCode);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_client_that_disconnects_mid_part_leaves_the_part_missing_and_the_service_serving()
    {
        var (upload, id, _) = await CreateTwoPartUpload();
        var url = new Uri(PartUrl(upload, 1));
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync("127.0.0.1", url.Port);
            var stream = socket.GetStream();
            var head = $"PUT {url.PathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {5 * MiB + 4}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(new byte[MiB]);
            await stream.FlushAsync();
        }
        await Task.Delay(300);

        await AssertPartNotHeld(id, 1);
        var ready = await fixture.Api.Client.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task Cors_preflight_allows_a_browser_to_put_and_read_the_etag()
    {
        var (upload, _, _) = await CreateTwoPartUpload();
        using var client = ServiceHost.CreateAnonymousClient();
        var preflight = new HttpRequestMessage(HttpMethod.Options, PartUrl(upload, 1));
        preflight.Headers.Add("Origin", "http://localhost:3000");
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,content-md5");

        var response = await client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("PUT", response.Headers.GetValues("Access-Control-Allow-Methods").Single());

        var put = new HttpRequestMessage(HttpMethod.Put, PartUrl(upload, 1)) { Content = new ByteArrayContent(new byte[10]) };
        put.Headers.Add("Origin", "http://localhost:3000");
        var answer = await client.SendAsync(put);
        Assert.Contains("ETag", answer.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }
}
