using System.Net;
using System.Text;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>
/// <c>Idempotency-Key</c> on create: a create sent again (a client's retry after a timeout) returns the first
/// one's upload instead of making a second; the same key with another body is refused and changes nothing.
/// Runs on the backend the suite's pass selects (SQLite, then PostgreSQL + S3).
/// </summary>
public sealed class IdempotencyTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Body = """{"fileName":"a.bin","contentType":"application/octet-stream","fileSize":10,"parts":1,"kind":"asset"}""";

    [Fact]
    public async Task The_same_key_and_body_return_the_first_upload()
    {
        var key = Guid.NewGuid().ToString();
        var before = await fixture.Api.CountUploadsAsync();

        using var first = await CreateAsync(key, Body);
        using var second = await CreateAsync(key, Body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(await IdOf(first), await IdOf(second));
        Assert.Equal(before + 1, await fixture.Api.CountUploadsAsync());
    }

    [Fact]
    public async Task A_replay_shows_the_parts_the_first_upload_holds()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await CreateAsync(key, Body);
        var upload = Upload.From(await UploadApi.ReadJson(first));
        await fixture.Api.PutPartsAsync(upload, new byte[10]);

        using var again = await CreateAsync(key, Body);

        var replayed = Upload.From(await UploadApi.ReadJson(again));
        Assert.Equal("pending", replayed.Status);
        Assert.True(replayed.Parts[0].Uploaded);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_409_and_creates_nothing()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await CreateAsync(key, Body);
        var before = await fixture.Api.CountUploadsAsync();

        using var other = await CreateAsync(key, Body.Replace("a.bin", "b.bin", StringComparison.Ordinal));

        var problem = await ProblemAssert.IsProblem(other, HttpStatusCode.Conflict, "idempotency_key_reused");
        Assert.Equal(await IdOf(first), problem.Json.GetProperty("uploadId").GetString());
        Assert.Equal(before, await fixture.Api.CountUploadsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("long")]
    [InlineData("two")]
    public async Task A_malformed_key_is_400_and_creates_nothing(string key)
    {
        var before = await fixture.Api.CountUploadsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/uploads") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        // Not validated by HttpClient, so the service sees exactly these values.
        string[] values = key switch { "long" => [new string('k', 256)], "two" => ["a", "b"], _ => [key] };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", values);

        using var response = await fixture.Api.Client.SendAsync(request);

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_idempotency_key");
        Assert.Equal(before, await fixture.Api.CountUploadsAsync());
    }

    [Fact]
    public async Task Concurrent_creates_with_one_key_make_one_upload()
    {
        var key = Guid.NewGuid().ToString();
        var before = await fixture.Api.CountUploadsAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var response = await CreateAsync(key, Body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await IdOf(response);
        }));

        Assert.Single(answers.Distinct());
        Assert.Equal(before + 1, await fixture.Api.CountUploadsAsync());
    }

    [Fact]
    public async Task Keys_are_per_owner()
    {
        var key = Guid.NewGuid().ToString();
        using var other = new UploadApi(fixture.Host, TestKeys.OtherApiKey, TestKeys.OtherApiSecret);
        using var mine = await CreateAsync(key, Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/uploads") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);

        using var theirs = await other.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.NotEqual(await IdOf(mine), await IdOf(theirs));
    }

    [Fact]
    public async Task An_import_is_replayed_too()
    {
        var key = Guid.NewGuid().ToString();
        // Never downloaded: the test's service refuses private addresses, so the import fails on its own.
        const string import = """{"url":"http://127.0.0.1:9/none.png","kind":"image"}""";

        using var first = await CreateAsync(key, import);
        using var second = await CreateAsync(key, import);

        Assert.Equal(await IdOf(first), await IdOf(second));
    }

    private async Task<HttpResponseMessage> CreateAsync(string key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/uploads") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return await fixture.Api.Client.SendAsync(request);
    }

    private static async Task<string> IdOf(HttpResponseMessage response) =>
        Upload.From(await UploadApi.ReadJson(response)).Id;
}

/// <summary>A key past <c>Uploads:IdempotencyKeyLifetime</c> names nothing: the same create makes a new upload.</summary>
public sealed class IdempotencyLifetimeTests
{
    [Fact]
    public async Task A_key_past_its_lifetime_makes_a_new_upload()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Uploads:IdempotencyKeyLifetime"] = "00:00:01" },
        });
        using var api = new UploadApi(host);
        var key = Guid.NewGuid().ToString();
        const string body = """{"fileName":"a.bin","contentType":"application/octet-stream","fileSize":10,"parts":1,"kind":"asset"}""";

        var first = await CreateAsync(api, key, body);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var later = await CreateAsync(api, key, body);

        Assert.NotEqual(first, later);
    }

    private static async Task<string> CreateAsync(UploadApi api, string key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/uploads") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Upload.From(await UploadApi.ReadJson(response)).Id;
    }
}
