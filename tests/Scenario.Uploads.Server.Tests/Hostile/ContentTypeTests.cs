using System.Net;
using System.Net.Http.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>
/// contentType is served back as a download's Content-Type, so create takes only a media type a header can
/// carry; a stored one that cannot (rows from before that rule) is served as application/octet-stream.
/// </summary>
public sealed class ContentTypeTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    public static TheoryData<string> Refused => new()
    {
        "text/plain; charset=\u00e9",
        "text/plain; charset=\"\u00e9\"",
        "text/plain;\u00a0charset=utf-8",
        "image/png\u00a0",
        "\u00a0image/png",
        "image/p\u00f1g",
        "/",
        "../../etc/passwd",
        "image/",
        "/png",
        "text / plain",
        "text/plain; charset",
        "text/plain; charset=a b",
        "text/plain, text/html",
        "image/png\tx",
        "image/png\r\nX-Injected: 1",
        "image/png\u0000",
        "image/" + new string('p', 300),
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_content_type_that_is_not_an_ASCII_media_type_is_a_400_naming_contentType(string contentType)
    {
        using var api = new UploadApi(fixture.Host, TestKeys.OtherApiKey, TestKeys.OtherApiSecret);
        var before = await api.CountUploadsAsync();

        var response = await api.Client.PostAsJsonAsync("v1/uploads", new { fileName = "a.txt", contentType, fileSize = 1, parts = 1, kind = "asset" });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_field");
        var detail = problem.Detail!;
        Assert.Contains("'contentType'", detail);
        Assert.Contains("image/png", detail);
        Assert.Equal(before, await api.CountUploadsAsync());
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("text/plain;charset=UTF-8")]
    [InlineData("model/vnd.usdz+zip")]
    [InlineData("application/vnd.api+json; profile=\"https://example.com/a b\"; q=1")]
    [InlineData("  image/png  ")]
    public async Task A_media_type_with_parameters_is_accepted(string contentType)
    {
        var upload = await fixture.Api.CreateAsync(new { fileName = "a.txt", contentType, fileSize = 1, parts = 1, kind = "asset" });

        Assert.Equal(contentType.Trim(), upload.ContentType);
    }

    [Theory(SkipUnless = nameof(TestBackend.PartsGoThroughService), SkipType = typeof(TestBackend),
        Skip = "Under S3 a download is served by the object store, with the type it was stored with.")]
    [InlineData("text/plain; charset=\u00e9")]
    [InlineData("text/plain;\u00a0charset=utf-8")]
    [InlineData("../../etc/passwd")]
    public async Task A_stored_content_type_no_header_can_carry_is_downloaded_as_octet_stream(string stored)
    {
        var bytes = "hello, hostile world\n"u8.ToArray();
        var done = await fixture.Api.UploadAsync(bytes, "text", "hello.txt", "text/plain");
        Assert.Equal("imported", done.Status);
        var assetId = done.EntityId!;
        await StoredRows.SetAssetContentTypeAsync(fixture.Host, assetId, stored);
        var asset = (await fixture.Api.GetJsonAsync($"v1/assets/{assetId}")).GetProperty("asset");
        Assert.Equal(stored, asset.GetProperty("contentType").GetString());

        var download = await fixture.Api.Client.GetAsync(asset.GetProperty("url").GetString());

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.ToString());
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }
}
