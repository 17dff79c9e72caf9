using System.Text;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>
/// Bodies whose framing the client broke: a chunk size that overflows is a 400 on every endpoint that reads a
/// body, and a body over the limit is a 413 however it is sent; nothing is created or changed.
/// </summary>
public sealed class BodyFramingTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string OverflowingChunk = "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n";

    private static readonly string[] Headers = ["Authorization: " + RawHttp.Basic(TestKeys.OtherApiKey, TestKeys.OtherApiSecret), "Content-Type: application/json"];

    [Fact]
    public async Task An_overflowing_chunk_size_on_create_is_a_400_invalid_json()
    {
        using var api = Api();
        var before = await api.CountUploadsAsync();

        var answer = await RawHttp.SendAsync(fixture.Host.BaseUrl, RawHttp.BrokenChunked("POST", "/v1/uploads", Headers, OverflowingChunk));

        HostileAssert.IsProblem(answer, 400, "invalid_json");
        Assert.Contains("chunked framing", answer.Problem()!.Detail);
        Assert.Equal(before, await api.CountUploadsAsync());
    }

    [Fact]
    public async Task An_overflowing_chunk_size_on_an_action_is_a_400_invalid_json()
    {
        using var api = Api();
        var id = (await api.CreateFor([1], "asset", "a.bin", "application/octet-stream")).Id;

        var answer = await RawHttp.SendAsync(fixture.Host.BaseUrl, RawHttp.BrokenChunked("POST", $"/v1/uploads/{id}/action", Headers, OverflowingChunk));

        HostileAssert.IsProblem(answer, 400, "invalid_json");
        Assert.Equal("pending", (await api.RetrieveAsync(id)).Status);
    }

    [Fact(SkipUnless = nameof(TestBackend.PartsGoThroughService), SkipType = typeof(TestBackend), Skip = TestBackend.LocalPartsOnly)]
    public async Task An_overflowing_chunk_size_on_a_part_is_a_400_and_stores_nothing()
    {
        using var api = Api();
        // One part: its size is known at create, so a chunked PUT without Content-Length reads the body.
        var upload = await api.CreateFor([1, 2, 3], "asset", "a.bin", "application/octet-stream");
        var url = new Uri(upload.Parts[0].Url!);

        var answer = await RawHttp.SendAsync(fixture.Host.BaseUrl, RawHttp.BrokenChunked("PUT", url.PathAndQuery, [], OverflowingChunk));

        Assert.True(answer.Status == 400, answer.ToString());
        Assert.True(HostileAssert.ProblemShape(answer) is null, HostileAssert.ProblemShape(answer));
        var after = await api.RetrieveAsync(upload.Id);
        Assert.Equal("pending", after.Status);
        Assert.False(after.Parts[0].Uploaded);
    }

    public static TheoryData<string, bool> Oversized => new()
    {
        { "/v1/uploads", true },
        { "/v1/uploads", false },
        { "/v1/uploads/upload_0000000000000000000000/action", true },
        { "/v1/uploads/upload_0000000000000000000000/action", false },
    };

    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task A_body_over_1_MiB_is_a_413_body_too_large_chunked_or_not(string path, bool chunked)
    {
        using var api = Api();
        var before = await api.CountUploadsAsync();
        var body = Encoding.UTF8.GetBytes("{\"fileName\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");
        var request = chunked ? RawHttp.Chunked("POST", path, Headers, body) : RawHttp.WithLength("POST", path, Headers, body);

        // Sent chunked, whether our 64 KiB cap or Kestrel's 1 MiB limit trips first depends on how much of the
        // body has arrived when it is read (Kestrel's, one time in five to ten, was a 400): tried until both are seen.
        for (var attempt = 0; attempt < (chunked ? 40 : 3); attempt++)
        {
            var answer = await RawHttp.SendAsync(fixture.Host.BaseUrl, request);

            HostileAssert.IsProblem(answer, 413, "body_too_large");
        }
        Assert.Equal(before, await api.CountUploadsAsync());
    }

    [Fact]
    public async Task A_chunked_body_just_over_64_KiB_is_a_413_too()
    {
        var body = Encoding.UTF8.GetBytes("{\"url\":\"https://example.com/" + new string('x', 64 * 1024) + "\",\"kind\":\"image\"}");

        var answer = await RawHttp.SendAsync(fixture.Host.BaseUrl, RawHttp.Chunked("POST", "/v1/uploads", Headers, body));

        HostileAssert.IsProblem(answer, 413, "body_too_large");
    }

    private UploadApi Api() => new(fixture.Host, TestKeys.OtherApiKey, TestKeys.OtherApiSecret);
}
