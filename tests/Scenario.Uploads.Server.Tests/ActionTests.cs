using System.Net;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>The action endpoint: complete (with parts missing, twice, on failed), abort, and bad actions.</summary>
public sealed class ActionTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const int MiB = 1024 * 1024;
    private readonly UploadApi _api = fixture.Api;

    [Fact]
    public async Task Complete_with_parts_missing_is_400_listing_them_and_changes_nothing()
    {
        var bytes = UploadFlowTests.RandomBytes(25 * MiB, seed: 21);
        var upload = await _api.CreateFor(bytes, "asset", "gaps.bin", "application/octet-stream", parts: 5);
        var id = upload.Id;
        await _api.PutPartsAsync(upload, bytes, order: [1, 4]);

        var response = await _api.ActionAsync(id, "complete");

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "parts_missing");
        Assert.Equal([2, 3, 5], problem.Json.GetProperty("missingParts").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Contains("2-3, 5", problem.Detail);
        Assert.Equal("pending", (await _api.RetrieveAsync(id)).Status);
    }

    [Fact]
    public async Task Complete_on_a_failed_upload_is_409()
    {
        var upload = await _api.CreateFor([1, 2, 3], "asset", "a.bin", "application/octet-stream");
        var id = upload.Id;
        await _api.ActionAsync(id, "abort");

        var response = await _api.ActionAsync(id, "complete");

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "upload_failed");
    }

    [Fact]
    public async Task Abort_fails_the_upload_and_deletes_its_bytes()
    {
        var bytes = UploadFlowTests.RandomBytes(MiB, seed: 22);
        var upload = await _api.CreateFor(bytes, "asset", "a.bin", "application/octet-stream");
        var id = upload.Id;
        await _api.PutPartsAsync(upload, bytes);
        Assert.True(await StoredBytes.HeldAsync(fixture.Host, id));

        var response = await _api.ActionAsync(id, "abort");

        var aborted = Upload.From(await UploadApi.ReadJson(response));
        Assert.Equal("failed", aborted.Status);
        Assert.Contains("aborted", aborted.ErrorMessage);
        Assert.False(await StoredBytes.HeldAsync(fixture.Host, id));
        var job = Job.From(await _api.GetJsonAsync($"v1/jobs/{aborted.JobId}"));
        Assert.Equal("canceled", job.Status);
    }

    [Fact]
    public async Task Abort_after_import_is_409_and_keeps_the_asset()
    {
        var bytes = TestFiles.Png();
        var done = await _api.UploadAsync(bytes, "image", "a.png", "image/png");

        var response = await _api.ActionAsync(done.Id, "abort");

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "upload_processing");
        Assert.Equal("imported", (await _api.RetrieveAsync(done.Id)).Status);
    }

    [Theory]
    [InlineData("""{"action":"finish"}""")]
    [InlineData("""{"action":1}""")]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    [InlineData("""{"action":""")]
    public async Task An_unknown_or_malformed_action_is_400(string body)
    {
        var upload = await _api.CreateFor([1], "asset", "a.bin", "application/octet-stream");
        var id = upload.Id;

        var response = await _api.PostJsonAsync($"v1/uploads/{id}/action", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("pending", (await _api.RetrieveAsync(id)).Status);
    }

    [Fact]
    public async Task Actions_on_an_unknown_upload_are_404()
    {
        var response = await _api.ActionAsync("upload_doesnotexist000000000", "complete");

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "not_found");
    }
}
