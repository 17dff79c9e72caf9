using System.Net;
using System.Text;

namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>
/// Strings .NET cannot read (an unpaired surrogate escape, bytes that are not UTF-8), in every field of the
/// create and action bodies: a 400 naming the field, never a 500, and nothing created.
/// </summary>
public sealed class UnreadableStringTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    /// <summary>A body that is valid but for <c>@</c>, where the hostile string goes; single quotes stand for double.</summary>
    private static readonly (string Field, string Template)[] Templates =
    [
        ("fileName", "{'fileName':@,'contentType':'a/b','fileSize':1,'parts':1,'kind':'asset'}"),
        ("contentType", "{'fileName':'a.bin','contentType':@,'fileSize':1,'parts':1,'kind':'asset'}"),
        ("kind", "{'fileName':'a.bin','contentType':'a/b','fileSize':1,'parts':1,'kind':@}"),
        ("url", "{'url':@,'kind':'image'}"),
        ("huggingFaceModelName", "{'huggingFaceModelName':@}"),
        ("civitaiModelUrl", "{'civitaiModelUrl':@}"),
        ("parentId", "{'fileName':'a.bin','contentType':'a/b','fileSize':1,'parts':1,'kind':'image','assetOptions':{'parentId':@}}"),
        ("collectionIds[1]", "{'fileName':'a.bin','contentType':'a/b','fileSize':1,'parts':1,'kind':'image','assetOptions':{'collectionIds':['col_1',@]}}"),
    ];

    public static TheoryData<string, string> Fields()
    {
        var cases = new TheoryData<string, string>();
        foreach (var (field, template) in Templates)
        {
            cases.Add(field, template);
        }
        return cases;
    }

    public static TheoryData<string, string, string> FieldsWithSurrogates()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var (field, template) in Templates)
        {
            cases.Add(field, template, "\"\\ud800\"");
            cases.Add(field, template, "\"\\udfff\\ud800\"");
            cases.Add(field, template, "\"ok\\ud800ok\"");
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(FieldsWithSurrogates))]
    public async Task An_unpaired_surrogate_in_a_create_field_is_a_400_naming_the_field(string field, string template, string value)
    {
        using var api = Api();
        var before = await api.CountUploadsAsync();

        var response = await api.Client.PostAsync("v1/uploads", Body(template, Encoding.UTF8.GetBytes(value)));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_field");
        var detail = problem.Detail!;
        Assert.Contains($"'{field}'", detail);
        Assert.Contains("unpaired surrogate", detail);
        Assert.Equal(before, await api.CountUploadsAsync());
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Bytes_that_are_not_UTF8_in_a_create_field_are_a_400_invalid_json(string field, string template)
    {
        using var api = Api();
        var before = await api.CountUploadsAsync();

        var response = await api.Client.PostAsync("v1/uploads", Body(template, [(byte)'"', (byte)'a', 0xFF, 0xC3, (byte)'"']));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_json");
        Assert.True(problem.Detail!.Contains("not UTF-8", StringComparison.Ordinal), field);
        Assert.Equal(before, await api.CountUploadsAsync());
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udfff\\ud800\"")]
    public async Task An_unpaired_surrogate_as_the_action_is_a_400_naming_action(string value)
    {
        using var api = Api();
        var upload = await api.CreateFor([1], "asset", "a.bin", "application/octet-stream");
        var id = upload.Id;

        var response = await api.Client.PostAsync($"v1/uploads/{id}/action", Body("{'action':@}", Encoding.UTF8.GetBytes(value)));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_field");
        Assert.Contains("'action'", problem.Detail);
        Assert.Equal("pending", (await api.RetrieveAsync(id)).Status);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_in_the_action_body_are_a_400_invalid_json()
    {
        using var api = Api();
        var upload = await api.CreateFor([1], "asset", "a.bin", "application/octet-stream");
        var id = upload.Id;

        var response = await api.Client.PostAsync($"v1/uploads/{id}/action", Body("{'action':@}", [(byte)'"', 0xC0, 0xAF, (byte)'"']));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_json");
        Assert.Equal("pending", (await api.RetrieveAsync(id)).Status);
    }

    [Fact]
    public async Task A_property_name_that_is_not_UTF8_is_a_400_invalid_json_too()
    {
        using var api = Api();

        var response = await api.Client.PostAsync("v1/uploads", Body("{@:1,'url':'https://example.com/a.png','kind':'image'}", [(byte)'"', 0xFE, (byte)'"']));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task A_surrogate_pair_escape_is_ordinary_text()
    {
        using var api = Api();

        var response = await api.Client.PostAsync("v1/uploads",
            Body("{'fileName':@,'contentType':'a/b','fileSize':1,'parts':1,'kind':'asset'}", "\"\\ud83d\\ude00.png\""u8.ToArray()));

        var upload = Upload.From(await UploadApi.ReadJson(response));
        Assert.Equal("\U0001F600.png", upload.FileName);
    }

    // Its own owner, so that counting uploads is not disturbed by the other tests of the class.
    private UploadApi Api() => new(fixture.Host, Testing.TestKeys.OtherApiKey, Testing.TestKeys.OtherApiSecret);

    private static ByteArrayContent Body(string template, byte[] value)
    {
        var parts = template.Replace('\'', '"').Split('@');
        var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(parts[0]), .. value, .. Encoding.UTF8.GetBytes(parts[1])]);
        content.Headers.ContentType = new("application/json");
        return content;
    }
}
