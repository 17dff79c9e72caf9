using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Scenario.Uploads.Server.Tests;

/// <summary>Every malformed create gets a 4xx problem+json with a stable code, and creates nothing.</summary>
public sealed class CreateBadInputTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    /// <summary>A valid multipart body's file fields followed by <paramref name="rest"/>; single quotes stand for double.</summary>
    private static string Multipart(string rest) =>
        ("{'fileName':'a.bin','contentType':'application/octet-stream','fileSize':1024," + rest + "}").Replace('\'', '"');

    private static string Named(string fileName) =>
        System.Text.Json.JsonSerializer.Serialize(new { fileName, contentType = "image/png", fileSize = 10, parts = 1, kind = "asset" });

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "malformed JSON", """{"fileName": "a.bin",""", "invalid_json" },
        { "not an object", """["fileName"]""", "invalid_json" },
        { "a bare string", "\"upload\"", "invalid_json" },
        { "no mode", """{"kind":"image"}""", "missing_mode" },
        { "empty object", "{}", "missing_mode" },
        { "multipart and url", Multipart("'parts':1,'kind':'asset','url':'https://example.com/a.png'"), "conflicting_modes" },
        { "url and huggingface", """{"url":"https://example.com/a","kind":"model","huggingFaceModelName":"a/b"}""", "conflicting_modes" },
        { "huggingface and civitai", """{"huggingFaceModelName":"a/b","civitaiModelUrl":"https://civitai.com/models/1"}""", "conflicting_modes" },
        { "0 parts", Multipart("'parts':0,'kind':'asset'"), "parts_out_of_range" },
        { "10001 parts", Multipart("'parts':10001,'kind':'asset'"), "parts_out_of_range" },
        { "negative parts", Multipart("'parts':-1,'kind':'asset'"), "parts_out_of_range" },
        { "fractional parts", Multipart("'parts':1.5,'kind':'asset'"), "invalid_field" },
        { "parts as string", Multipart("'parts':'1','kind':'asset'"), "invalid_field" },
        { "huge parts number", Multipart("'parts':1e30,'kind':'asset'"), "invalid_field" },
        { "negative fileSize", """{"fileName":"a","contentType":"a/b","fileSize":-1,"parts":1,"kind":"asset"}""", "invalid_file_size" },
        { "fractional fileSize", """{"fileName":"a","contentType":"a/b","fileSize":10.5,"parts":1,"kind":"asset"}""", "invalid_field" },
        { "absurd fileSize", """{"fileName":"a","contentType":"a/b","fileSize":9223372036854775807,"parts":10000,"kind":"asset"}""", "file_too_large" },
        { "fileSize beyond int64", """{"fileName":"a","contentType":"a/b","fileSize":99999999999999999999999,"parts":1,"kind":"asset"}""", "invalid_field" },
        { "fileSize as string", """{"fileName":"a","contentType":"a/b","fileSize":"1024","parts":1,"kind":"asset"}""", "invalid_field" },
        { "parts under 5 MiB", """{"fileName":"a","contentType":"a/b","fileSize":10485760,"parts":3,"kind":"asset"}""", "invalid_part_plan" },
        { "no room for a last part", """{"fileName":"a","contentType":"a/b","fileSize":5242880,"parts":2,"kind":"asset"}""", "invalid_part_plan" },
        { "part over 5 GiB", """{"fileName":"a","contentType":"a/b","fileSize":6442450944,"parts":1,"kind":"asset"}""", "invalid_part_plan" },
        { "more parts than bytes", """{"fileName":"a","contentType":"a/b","fileSize":3,"parts":4,"kind":"asset"}""", "invalid_part_plan" },
        { "unknown kind", Multipart("'parts':1,'kind':'texture'"), "invalid_kind" },
        { "kind with other case", Multipart("'parts':1,'kind':'Image'"), "invalid_kind" },
        { "kind as number", Multipart("'parts':1,'kind':3"), "invalid_field" },
        { "missing kind", Multipart("'parts':1"), "missing_field" },
        { "missing contentType", """{"fileName":"a","fileSize":1,"parts":1,"kind":"asset"}""", "missing_field" },
        { "missing fileSize", """{"fileName":"a","contentType":"a/b","parts":1,"kind":"asset"}""", "missing_field" },
        { "missing parts", """{"fileName":"a","contentType":"a/b","fileSize":1,"kind":"asset"}""", "missing_field" },
        { "fileName as number", """{"fileName":7,"contentType":"a/b","fileSize":1,"parts":1,"kind":"asset"}""", "invalid_field" },
        { "fileName only a path", """{"fileName":"../../","contentType":"a/b","fileSize":1,"parts":1,"kind":"asset"}""", "invalid_field" },
        { "fileName only control characters", "{\"fileName\":\"\\u0000\\u0007\",\"contentType\":\"a/b\",\"fileSize\":1,\"parts\":1,\"kind\":\"asset\"}", "invalid_field" },
        { "fileName over 255 bytes", Named(new string('a', 256)), "invalid_field" },
        { "fileName of 128 two-byte characters", Named(new string('\u00e9', 128)), "invalid_field" },
        { "fileName of 60,004 characters", Named(new string('n', 60_000) + ".png"), "invalid_field" },
        { "contentType not a MIME type", """{"fileName":"a","contentType":"png","fileSize":1,"parts":1,"kind":"asset"}""", "invalid_field" },
        { "contentType as array", """{"fileName":"a","contentType":["a/b"],"fileSize":1,"parts":1,"kind":"asset"}""", "invalid_field" },
        { "assetOptions with model", Multipart("'parts':1,'kind':'model','assetOptions':{'hide':true}"), "asset_options_not_allowed" },
        { "assetOptions not an object", Multipart("'parts':1,'kind':'image','assetOptions':true"), "invalid_field" },
        { "collectionIds not an array", Multipart("'parts':1,'kind':'image','assetOptions':{'collectionIds':'c1'}"), "invalid_field" },
        { "collectionIds of numbers", Multipart("'parts':1,'kind':'image','assetOptions':{'collectionIds':[1]}"), "invalid_field" },
        { "hide as string", Multipart("'parts':1,'kind':'image','assetOptions':{'hide':'yes'}"), "invalid_field" },
        { "parentId as object", Multipart("'parts':1,'kind':'image','assetOptions':{'parentId':{}}"), "invalid_field" },
        { "url not absolute", """{"url":"/a.png","kind":"image"}""", "invalid_url" },
        { "url with ftp scheme", """{"url":"ftp://example.com/a.png","kind":"image"}""", "invalid_url" },
        { "url with file scheme", """{"url":"file:///etc/passwd","kind":"image"}""", "invalid_url" },
        { "url without kind", """{"url":"https://example.com/a.png"}""", "missing_field" },
        { "url with credentials", """{"url":"https://user:pass@example.com/a.png","kind":"image"}""", "url_credentials_not_allowed" },
        { "url as number", """{"url":5,"kind":"image"}""", "invalid_field" },
        { "huggingface name without owner", """{"huggingFaceModelName":"stable-diffusion"}""", "invalid_model_name" },
        { "huggingface name with path tricks", """{"huggingFaceModelName":"../../etc/passwd"}""", "invalid_model_name" },
        { "huggingface with image kind", """{"huggingFaceModelName":"a/b","kind":"image"}""", "invalid_kind" },
        { "civitai URL not a model URL", """{"civitaiModelUrl":"https://civitai.com/images/5"}""", "invalid_url" },
        { "civitai URL not a URL", """{"civitaiModelUrl":"370194"}""", "invalid_url" },
        { "too deep JSON", new string('[', 100) + new string(']', 100), "invalid_json" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_create_is_a_400_problem_and_creates_nothing(string why, string body, string code)
    {
        using var api = new UploadApi(fixture.Host, Testing.TestKeys.OtherApiKey, Testing.TestKeys.OtherApiSecret);
        var before = await api.CountUploadsAsync();

        var response = await api.PostJsonAsync("v1/uploads", body);

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, code);
        Assert.True(before == await api.CountUploadsAsync(), why);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_with_413()
    {
        var padding = new string('x', 70 * 1024);
        var response = await fixture.Api.PostJsonAsync("v1/uploads", $$"""{"fileName":"{{padding}}","contentType":"a/b","fileSize":1,"parts":1,"kind":"asset"}""");

        await ProblemAssert.IsProblem(response, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }

    [Fact]
    public async Task An_empty_body_is_a_400()
    {
        var response = await fixture.Api.Client.PostAsync("v1/uploads", new ByteArrayContent([]));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task A_body_with_broken_chunked_framing_is_a_400_invalid_json_and_creates_nothing()
    {
        using var api = new UploadApi(fixture.Host, Testing.TestKeys.OtherApiKey, Testing.TestKeys.OtherApiSecret);
        var before = await api.CountUploadsAsync();
        var credentials = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{Testing.TestKeys.OtherApiKey}:{Testing.TestKeys.OtherApiSecret}"));

        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", fixture.Host.BaseUrl.Port);
        var stream = socket.GetStream();
        // A chunk size that is not hexadecimal: Kestrel stops reading the body there.
        var request = $"POST /v1/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {credentials}\r\n" +
                      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"fil\r\nzz\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var answer = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.Contains("application/problem+json", answer);
        Assert.Contains("\"code\":\"invalid_json\"", answer);
        Assert.Equal(before, await api.CountUploadsAsync());
    }

    [Fact]
    public async Task A_file_name_with_path_segments_and_control_characters_is_kept_safe()
    {
        var upload = await fixture.Api.CreateAsync(new
        {
            fileName = "../../etc/\u0007pass\u202Ewd\u0000.png", contentType = "image/png", fileSize = 10, parts = 1, kind = "asset",
        });

        Assert.Equal("passwd.png", upload.FileName);
        Assert.Equal("../../etc/\u0007pass\u202Ewd\u0000.png", upload.OriginalFileName);
    }

    [Fact]
    public async Task A_file_name_over_255_UTF8_bytes_is_refused_naming_the_limit()
    {
        using var api = new UploadApi(fixture.Host, Testing.TestKeys.OtherApiKey, Testing.TestKeys.OtherApiSecret);

        var response = await api.PostJsonAsync("v1/uploads", Named(new string('\u20ac', 86)));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_field");
        Assert.Contains("at most 255 bytes", problem.Detail);
        Assert.Contains("got 258 bytes", problem.Detail);
    }

    [Fact]
    public async Task A_file_name_of_exactly_255_UTF8_bytes_is_kept_whole()
    {
        var name = new string('\u20ac', 84) + "abc";

        var upload = await fixture.Api.CreateAsync(new { fileName = name, contentType = "image/png", fileSize = 10, parts = 1, kind = "asset" });

        Assert.Equal(name, upload.FileName);
        Assert.Equal(name, upload.OriginalFileName);
    }

    [Fact]
    public async Task A_windows_path_is_reduced_to_its_base_name()
    {
        var upload = await fixture.Api.CreateAsync(new { fileName = @"C:\Users\me\hero.png", contentType = "image/png", fileSize = 10, parts = 1, kind = "asset" });

        Assert.Equal("hero.png", upload.FileName);
    }

    [Fact]
    public async Task Unknown_fields_and_query_parameters_are_ignored()
    {
        var response = await fixture.Api.PostJsonAsync("v1/uploads?projectId=proj_1",
            """{"fileName":"a.bin","contentType":"a/b","fileSize":1,"parts":1,"kind":"asset","somethingNew":{"x":1}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_whole_number_written_as_a_decimal_is_accepted()
    {
        var response = await fixture.Api.PostJsonAsync("v1/uploads", """{"fileName":"a.bin","contentType":"a/b","fileSize":1024.0,"parts":1.0,"kind":"asset"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
