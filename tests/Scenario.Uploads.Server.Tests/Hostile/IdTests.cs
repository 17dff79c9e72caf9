using System.Net;
using System.Net.Http.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>Ids in bodies must look like ids; ids in paths that cannot be ours are a 404 about the id; names get their own rule.</summary>
public sealed class IdTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    public static TheoryData<string> NotIds => new()
    {
        "",
        "abc",
        "../../etc/passwd",
        "asset 1",
        "asset_\u00e9t\u00e9",
        "asset_\u0000",
        "asset_1;DROP TABLE assets",
        "asset_" + new string('x', 59),
    };

    [Theory]
    [MemberData(nameof(NotIds))]
    public async Task A_parentId_that_is_not_an_id_is_a_400_naming_it(string parentId)
    {
        var response = await CreateWith(new { parentId });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_field");
        Assert.Contains("'assetOptions.parentId'", problem.Detail);
    }

    [Theory]
    [MemberData(nameof(NotIds))]
    public async Task A_collection_id_that_is_not_an_id_is_a_400_naming_its_place(string collectionId)
    {
        var response = await CreateWith(new { collectionIds = new[] { "col_1", collectionId } });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_field");
        Assert.Contains("'assetOptions.collectionIds[1]'", problem.Detail);
    }

    [Fact]
    public async Task Ids_of_the_usual_shape_are_accepted()
    {
        var response = await CreateWith(new { parentId = "asset_0VcY5yO1FGVv3i5iAGUnzn", collectionIds = new[] { "col_1", "collection-2" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("\\udc00\\ud800")]
    [InlineData("\\ud800")]
    [InlineData(":*?<>|")]
    [InlineData("\\u202e\\u200b")]
    [InlineData("../..")]
    public async Task A_file_name_of_only_unpaired_surrogates_or_refused_characters_is_a_400_naming_fileName(string escaped)
    {
        var body = $$"""{"fileName":"{{escaped}}","contentType":"a/b","fileSize":1,"parts":1,"kind":"asset"}""";

        var response = await fixture.Api.PostJsonAsync("v1/uploads", body);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_field");
        Assert.Contains("'fileName'", problem.Detail);
    }

    public static TheoryData<string, string> MalformedPathIds()
    {
        var cases = new TheoryData<string, string>();
        foreach (var (route, what) in new[] { ("v1/uploads", "upload"), ("v1/assets", "asset"), ("v1/models", "model"), ("v1/jobs", "job") })
        {
            foreach (var id in new[] { "a", "x%2Fy", "upload_%C3%A9", "%FF%FE%FD", "%20", "id%27%20OR%201%3D1", new string('9', 65), new string('a', 4000), "%F0%9F%98%80" })
            {
                cases.Add($"{route}/{id}", what);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(MalformedPathIds))]
    public async Task A_malformed_id_in_a_path_is_a_404_about_the_id(string path, string what)
    {
        var response = await fixture.Api.Client.GetAsync(path);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "not_found");
        Assert.Contains($"No {what} with that id", problem.Detail);
    }

    private Task<HttpResponseMessage> CreateWith(object assetOptions) =>
        fixture.Api.Client.PostAsJsonAsync("v1/uploads", new { fileName = "a.png", contentType = "image/png", fileSize = 1, parts = 1, kind = "image", assetOptions });
}
