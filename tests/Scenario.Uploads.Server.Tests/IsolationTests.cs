using System.Net;
using System.Net.Http.Headers;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>Credentials are required, and one owner never sees another's uploads, assets, models or jobs.</summary>
public sealed class IsolationTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Another_owners_upload_asset_model_and_job_are_404()
    {
        var image = await fixture.Api.UploadAsync(TestFiles.Png(), "image", "a.png", "image/png");
        var model = await fixture.Api.UploadAsync(TestFiles.Safetensors(), "model", "m.safetensors", "application/octet-stream");
        using var other = new UploadApi(fixture.Host, TestKeys.OtherApiKey, TestKeys.OtherApiSecret);

        var paths = new[]
        {
            $"v1/uploads/{image.Id}",
            $"v1/assets/{image.EntityId}",
            $"v1/models/{model.EntityId}",
            $"v1/jobs/{image.JobId}",
        };
        foreach (var path in paths)
        {
            await ProblemAssert.IsProblem(await other.Client.GetAsync(path), HttpStatusCode.NotFound, "not_found");
        }
        await ProblemAssert.IsProblem(await other.ActionAsync(image.Id, "abort"), HttpStatusCode.NotFound, "not_found");
        var listed = await other.ListAsync();
        Assert.DoesNotContain(listed, u => u.OwnerId == TestKeys.OwnerId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("test-key:wrong-secret")]
    [InlineData("nobody:test-secret-0123456789")]
    [InlineData("no-colon")]
    public async Task Missing_or_wrong_credentials_are_401(string? credentials)
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.BaseUrl };
        if (credentials is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));
        }

        var response = await client.PostAsync("v1/uploads", new StringContent("{}"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_garbage_authorization_header_is_401()
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.BaseUrl };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic !!!not-base64!!!");

        await ProblemAssert.IsProblem(await client.GetAsync("v1/uploads"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("pageSize=0", "invalid_page_size")]
    [InlineData("pageSize=101", "invalid_page_size")]
    [InlineData("pageSize=abc", "invalid_page_size")]
    [InlineData("paginationToken=garbage", "invalid_pagination_token")]
    public async Task Bad_list_parameters_are_400(string query, string code)
    {
        await ProblemAssert.IsProblem(await fixture.Api.Client.GetAsync($"v1/uploads?{query}"), HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Health_and_readiness_answer_without_credentials()
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.BaseUrl };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz")).StatusCode);
        var ready = await UploadApi.ReadJson(await client.GetAsync("readyz"));
        Assert.Equal("ready", ready.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_paths_and_methods_get_problem_json()
    {
        await ProblemAssert.IsProblem(await fixture.Api.Client.GetAsync("v1/nothing-here"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblem(await fixture.Api.Client.DeleteAsync("v1/uploads"), HttpStatusCode.MethodNotAllowed, "bad_request");
    }
}
