using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Quotas;

/// <summary>
/// Quotas over real HTTP, on whichever backend the run uses (SQLite + disk, or PostgreSQL + S3): each limit
/// refuses with 403 quota_exceeded naming the quota, its limit and the usage, and changes nothing.
/// </summary>
public sealed class QuotaTests
{
    [Fact]
    public async Task A_create_past_the_pending_uploads_quota_is_403_quota_exceeded_and_stores_nothing()
    {
        await using var host = await StartAsync(new() { ["Quotas:PendingUploads"] = "2" });
        using var api = new UploadApi(host);
        await CreatedAsync(api, 10);
        await CreatedAsync(api, 10);

        var problem = await ProblemAssert.IsProblem(await CreateAsync(api, 10), HttpStatusCode.Forbidden, "quota_exceeded");

        AssertBreach(problem, "pendingUploads", limit: 2, usage: 2);
        Assert.Equal(2, await api.CountUploadsAsync());
    }

    [Fact]
    public async Task A_create_past_the_pending_bytes_quota_is_refused_and_aborting_a_pending_upload_frees_room()
    {
        await using var host = await StartAsync(new() { ["Quotas:PendingBytes"] = "1000" });
        using var api = new UploadApi(host);
        var first = await CreatedAsync(api, 600);

        var problem = await ProblemAssert.IsProblem(await CreateAsync(api, 500), HttpStatusCode.Forbidden, "quota_exceeded");
        AssertBreach(problem, "pendingBytes", limit: 1000, usage: 600);
        Assert.Equal(500, problem.Json.GetProperty("requested").GetInt64());

        Assert.Equal(HttpStatusCode.OK, (await api.ActionAsync(first, "abort")).StatusCode);
        await CreatedAsync(api, 500);
    }

    [Fact]
    public async Task A_key_override_replaces_the_default_for_requests_made_with_that_key_only()
    {
        await using var host = await StartAsync(new()
        {
            ["Quotas:PendingUploads"] = "1",
            [$"Quotas:Keys:{TestKeys.OtherApiKey}:PendingUploads"] = "3",
        });
        using var api = new UploadApi(host);
        using var other = new UploadApi(host, TestKeys.OtherApiKey, TestKeys.OtherApiSecret);
        await CreatedAsync(api, 1);
        await ProblemAssert.IsProblem(await CreateAsync(api, 1), HttpStatusCode.Forbidden, "quota_exceeded");

        for (var i = 0; i < 3; i++)
        {
            await CreatedAsync(other, 1);
        }
        AssertBreach(await ProblemAssert.IsProblem(await CreateAsync(other, 1), HttpStatusCode.Forbidden, "quota_exceeded"), "pendingUploads", 3, 3);
    }

    [Fact]
    public async Task Imported_files_count_as_stored_and_a_complete_past_the_stored_quota_leaves_the_upload_pending()
    {
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor("asset");
        await using var host = await StartAsync(new() { ["Quotas:StoredBytes"] = $"{bytes.Length * 3 / 2}" });
        using var api = new UploadApi(host);
        // Both fit while nothing is stored; the first is then imported.
        var first = await api.CreateFor(bytes, "asset", fileName, contentType);
        var second = await api.CreateFor(bytes, "asset", "second.png", contentType);
        await api.PutPartsAsync(first, bytes);
        await api.PutPartsAsync(second, bytes);
        var firstId = first.Id;
        await api.CompleteAsync(firstId);
        Assert.Equal("imported", (await api.WaitForEndAsync(firstId)).Status);
        var id = second.Id;

        var problem = await ProblemAssert.IsProblem(await api.ActionAsync(id, "complete"), HttpStatusCode.Forbidden, "quota_exceeded");

        AssertBreach(problem, "storedBytes", limit: bytes.Length * 3 / 2, usage: bytes.Length);
        Assert.Equal("pending", (await api.RetrieveAsync(id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.ActionAsync(id, "abort")).StatusCode);
        Assert.Equal("failed", (await api.RetrieveAsync(id)).Status);
        // And a new upload of that size is refused at create: it could never be stored.
        AssertBreach(await ProblemAssert.IsProblem(await CreateAsync(api, bytes.Length), HttpStatusCode.Forbidden, "quota_exceeded"),
            "storedBytes", bytes.Length * 3 / 2, bytes.Length);
    }

    [Fact]
    public async Task Of_concurrent_creates_for_the_last_pending_bytes_exactly_one_succeeds()
    {
        await using var host = await StartAsync(new() { ["Quotas:PendingBytes"] = "1000" });
        using var api = new UploadApi(host);
        await CreatedAsync(api, 400);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => CreateAsync(api, 600)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            AssertBreach(await ProblemAssert.IsProblem(refused, HttpStatusCode.Forbidden, "quota_exceeded"), "pendingBytes", 1000, 1000);
        }
        Assert.Equal(2, await api.CountUploadsAsync());
    }

    [Fact]
    public async Task Of_concurrent_completes_for_the_last_stored_bytes_exactly_one_succeeds_and_the_others_stay_pending()
    {
        // Valid files: a winner that failed validation would free its bytes for a later complete.
        var (bytes, _, contentType) = TestFiles.ValidFileFor("asset");
        var limit = bytes.Length * 3 / 2;
        await using var host = await StartAsync(new() { ["Quotas:StoredBytes"] = $"{limit}" });
        using var api = new UploadApi(host);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var upload = await api.CreateFor(bytes, "asset", $"race-{i}.png", contentType);
            await api.PutPartsAsync(upload, bytes);
            ids.Add(upload.Id);
        }

        var answers = await Task.WhenAll(ids.Select(id => api.ActionAsync(id, "complete")));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            AssertBreach(await ProblemAssert.IsProblem(refused, HttpStatusCode.Forbidden, "quota_exceeded"), "storedBytes", limit, bytes.Length);
        }
        var statuses = await Task.WhenAll(ids.Select(async id => (await api.RetrieveAsync(id)).Status));
        Assert.Equal(7, statuses.Count(s => s == "pending"));
    }

    [Fact]
    public async Task Without_quotas_nothing_is_limited()
    {
        await using var host = await StartAsync([]);
        using var api = new UploadApi(host);
        for (var i = 0; i < 5; i++)
        {
            await CreatedAsync(api, 1L << 30);
        }
        Assert.Equal(5, await api.CountUploadsAsync());
    }

    private static Task<ServiceHost> StartAsync(Dictionary<string, string> settings) =>
        ServiceHost.StartAsync(new ServiceHostOptions { Settings = settings });

    private static Task<HttpResponseMessage> CreateAsync(UploadApi api, long fileSize) =>
        api.Client.PostAsJsonAsync("v1/uploads", new { fileName = "q.bin", contentType = "application/octet-stream", fileSize, parts = 1, kind = "asset" });

    private static async Task<string> CreatedAsync(UploadApi api, long fileSize)
    {
        var response = await CreateAsync(api, fileSize);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return Upload.From(JsonDocument.Parse(body).RootElement).Id;
    }

    private static void AssertBreach(Problem problem, string quota, long limit, long usage)
    {
        Assert.Equal(quota, problem.Json.GetProperty("quota").GetString());
        Assert.Equal(limit, problem.Json.GetProperty("limit").GetInt64());
        Assert.Equal(usage, problem.Json.GetProperty("usage").GetInt64());
    }
}
