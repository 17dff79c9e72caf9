using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>The whole flow, create → parts → complete → validation → imported, for every kind.</summary>
public sealed class UploadFlowTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const int MiB = 1024 * 1024;
    private readonly UploadApi _api = fixture.Api;

    [Theory]
    [InlineData("image")]
    [InlineData("avatar")]
    [InlineData("audio")]
    [InlineData("video")]
    [InlineData("3d")]
    [InlineData("asset")]
    [InlineData("model")]
    [InlineData("text")]
    public async Task Valid_file_of_each_kind_is_imported_with_its_sha256(string kind)
    {
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor(kind);

        var upload = await _api.UploadAsync(bytes, kind, fileName, contentType);

        Assert.True(upload.Status == "imported", upload.ToString());
        Assert.Equal(UploadApi.Sha256(bytes), upload.Sha256);
        var entityId = upload.EntityId!;
        var entity = kind == "model"
            ? (await _api.GetJsonAsync($"v1/models/{entityId}")).GetProperty("model")
            : (await _api.GetJsonAsync($"v1/assets/{entityId}")).GetProperty("asset");
        Assert.Equal(UploadApi.Sha256(bytes), entity.GetProperty("sha256").GetString());
        Assert.Equal(bytes.LongLength, entity.GetProperty("fileSize").GetInt64());
        Assert.Equal(upload.Id, entity.GetProperty("uploadId").GetString());
    }

    [Fact]
    public async Task Create_answers_the_reference_shape_with_a_part_plan()
    {
        var upload = await _api.CreateAsync(new { fileName = "big.bin", contentType = "application/octet-stream", fileSize = 12 * MiB + 5, parts = 2, kind = "asset" });

        foreach (var field in new[] { "id", "authorId", "createdAt", "fileName", "kind", "ownerId", "source", "status", "updatedAt", "jobId" })
        {
            Assert.True(upload.Json.TryGetProperty(field, out _), $"missing {field}");
        }
        Assert.Equal("pending", upload.Status);
        Assert.Equal("multipart", upload.Source);
        Assert.Equal(TestKeys.OwnerId, upload.OwnerId);
        Assert.Equal(2, upload.PartsCount);
        Assert.False(upload.Json.TryGetProperty("entityId", out _), "optional fields without a value are omitted");
        Assert.False(upload.Json.TryGetProperty("errorMessage", out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", upload.CreatedAt);
        var parts = upload.Parts.ToList();
        Assert.Equal([1, 2], parts.Select(p => p.Number));
        // The client picks the part size; until its first part arrives, no part has a size to show.
        Assert.False(upload.Json.TryGetProperty("partSize", out _));
        Assert.All(upload.Json.GetProperty("parts").EnumerateArray(), p => Assert.False(p.TryGetProperty("size", out _)));
        // Local: the service's own part endpoint; S3: presigned UploadPart URLs straight to the store.
        var partUrlStart = TestBackend.IsPostgresS3 ? TestBackend.S3Endpoint! : fixture.Host.BaseUrl + "v1/uploads/";
        Assert.All(parts, p => Assert.StartsWith(partUrlStart, p.Url));
        Assert.All(parts, p => Assert.False(p.Uploaded));
        Assert.All(parts, p => Assert.True(DateTimeOffset.Parse(p.Expires!) > DateTimeOffset.UtcNow.AddMinutes(50)));
    }

    [Fact]
    public async Task Answers_are_utf8_json_with_urls_and_names_left_unescaped()
    {
        // A person reading curl's output sees the URL and the name as they are, not \u0026 or \u00E9.
        const string name = "café + 日本 <1>.bin";
        var created = await _api.CreateAsync(new { fileName = name, contentType = "application/octet-stream", fileSize = 10, parts = 1, kind = "asset" });

        using var response = await _api.Client.GetAsync($"v1/uploads/{created.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\\u", raw);
        using var parsed = JsonDocument.Parse(raw);
        var url = parsed.RootElement.GetProperty("upload").GetProperty("parts")[0].GetProperty("url").GetString()!;
        Assert.Contains("&", url);
        Assert.Contains($"\"url\":\"{url}\"", raw);
        Assert.Contains($"\"originalFileName\":\"{name}\"", raw);
    }

    [Fact]
    public async Task Parts_sent_concurrently_and_out_of_order_assemble_the_exact_file()
    {
        var bytes = RandomBytes(40 * MiB + 12345, seed: 1);
        var upload = await _api.CreateFor(bytes, "asset", "shuffled.bin", "application/octet-stream", parts: 7);

        await _api.PutPartsAsync(upload, bytes, order: [7, 3, 5, 1, 6, 2, 4]);
        var id = upload.Id;
        var held = await _api.RetrieveAsync(id);
        Assert.All(held.Parts, p => Assert.True(p.Uploaded));
        await _api.CompleteAsync(id);
        var done = await _api.WaitForEndAsync(id);

        Assert.Equal("imported", done.Status);
        Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
        Assert.Equal(bytes, await DownloadAsync(done.EntityId!));
    }

    [Fact]
    public async Task A_part_sent_again_replaces_the_first_copy()
    {
        var bytes = RandomBytes(10 * MiB, seed: 2);
        var upload = await _api.CreateFor(bytes, "asset", "resent.bin", "application/octet-stream", parts: 2);
        var part1 = upload.Parts[0].Url!;
        var wrong = RandomBytes(5 * MiB, seed: 3);

        Assert.Equal(HttpStatusCode.OK, (await _api.PutPartAsync(part1, wrong)).StatusCode);
        await _api.PutPartsAsync(upload, bytes);
        var id = upload.Id;
        await _api.CompleteAsync(id);
        var done = await _api.WaitForEndAsync(id);

        Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Part_answer_carries_the_digest_etag_and_retrieve_shows_it_for_resume(bool withContentMd5)
    {
        var bytes = RandomBytes(6 * MiB, seed: 4);
        var upload = await _api.CreateFor(bytes, "asset", "etag.bin", "application/octet-stream");
        var url = upload.Parts[0].Url!;

        var response = await _api.PutPartAsync(url, bytes, withContentMd5 ? UploadApi.Md5Base64(bytes) : null);

        // The service's own part URLs answer with the XXH128 of the bytes; S3 (parts sent to it directly) with their MD5.
        var etag = url.Contains("X-Amz-Signature=", StringComparison.Ordinal)
            ? Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes))
            : "xxh128-" + Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(bytes));
        Assert.Equal($"\"{etag}\"", response.Headers.ETag?.Tag);
        var part = (await _api.RetrieveAsync(upload.Id)).Parts[0];
        Assert.True(part.Uploaded);
        Assert.Equal(etag, part.Etag);
    }

    [Fact]
    public async Task Asset_options_are_applied_to_the_asset()
    {
        var bytes = TestFiles.Png();
        var created = await _api.CreateAsync(new
        {
            fileName = "hero.png", contentType = "image/png", fileSize = bytes.Length, parts = 1, kind = "image",
            assetOptions = new { collectionIds = new[] { "col_1", "col_2" }, hide = true, parentId = "asset_parent" },
        });
        await _api.PutPartsAsync(created, bytes);
        var id = created.Id;
        await _api.CompleteAsync(id);
        var done = await _api.WaitForEndAsync(id);

        var asset = (await _api.GetJsonAsync($"v1/assets/{done.EntityId}")).GetProperty("asset");
        Assert.Equal(["col_1", "col_2"], asset.GetProperty("collectionIds").EnumerateArray().Select(c => c.GetString()));
        Assert.True(asset.GetProperty("hidden").GetBoolean());
        Assert.Equal("asset_parent", asset.GetProperty("parentId").GetString());
        Assert.Equal("image/png", asset.GetProperty("contentType").GetString());
        Assert.Equal(4, asset.GetProperty("metadata").GetProperty("details").GetProperty("width").GetInt32());
    }

    [Fact]
    public async Task The_job_reports_success_with_full_progress()
    {
        var bytes = TestFiles.Wav();
        var done = await _api.UploadAsync(bytes, "audio", "beep.wav", "audio/wav");

        var job = await _api.WaitForJobEndAsync(done.JobId!);
        Assert.Equal("upload", job.JobType);
        Assert.Equal("success", job.Status);
        Assert.Equal(1.0, job.Progress);
        Assert.Equal(done.EntityId, job.Metadata.GetProperty("entityId").GetString());
    }

    [Fact]
    public async Task A_file_that_is_not_its_kind_fails_with_a_message_and_its_bytes_are_deleted()
    {
        var bytes = TestFiles.Wav();
        var done = await _api.UploadAsync(bytes, "image", "not-an-image.png", "image/png");

        Assert.Equal("failed", done.Status);
        Assert.Contains("image", done.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.False(done.Json.TryGetProperty("entityId", out _));
        Assert.True(await StoredBytes.GoneSoonAsync(fixture.Host, done.Id), "a failed upload's bytes are deleted");
        var job = await _api.WaitForJobEndAsync(done.JobId!);
        Assert.Equal("failure", job.Status);
    }

    [Fact]
    public async Task Download_url_serves_the_file_and_honours_range()
    {
        var bytes = RandomBytes(1000, seed: 5);
        var done = await _api.UploadAsync(bytes, "asset", "range.bin", "application/octet-stream");
        var asset = (await _api.GetJsonAsync($"v1/assets/{done.EntityId}")).GetProperty("asset");
        using var anonymous = ServiceHost.CreateAnonymousClient();

        var request = new HttpRequestMessage(HttpMethod.Get, asset.GetProperty("url").GetString());
        request.Headers.Range = new RangeHeaderValue(100, 199);
        var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes[100..200], await response.Content.ReadAsByteArrayAsync());
        if (TestBackend.IsPostgresS3)
        {
            // A presigned GET straight to the store, which answers a bad signature with its own 403.
            var tamperedS3 = asset.GetProperty("url").GetString()!.Replace("X-Amz-Signature=", "X-Amz-Signature=0", StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(tamperedS3)).StatusCode);
            return;
        }
        var tampered = asset.GetProperty("url").GetString()!.Replace("signature=", "signature=x");
        await ProblemAssert.IsProblem(await anonymous.GetAsync(tampered), HttpStatusCode.Forbidden, "invalid_signature");
    }

    [Fact]
    public async Task An_empty_asset_is_one_part_of_zero_bytes()
    {
        var done = await _api.UploadAsync([], "asset", "empty.txt", "text/plain");

        Assert.Equal("imported", done.Status);
        Assert.Equal(UploadApi.Sha256([]), done.Sha256);
    }

    [Fact]
    public async Task Complete_again_after_pending_returns_the_current_state()
    {
        var bytes = TestFiles.Gif();
        var done = await _api.UploadAsync(bytes, "image", "a.gif", "image/gif");

        var again = await _api.CompleteAsync(done.Id);

        Assert.Equal("imported", again.Status);
        Assert.Equal(done.EntityId, again.EntityId);
    }

    [Fact]
    public async Task List_shows_the_callers_uploads_newest_first_in_pages()
    {
        using var api = new UploadApi(fixture.Host);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await api.CreateFor([1, 2, 3], "asset", $"list{i}.bin", "application/octet-stream")).Id);
            // Newest first is by the creation millisecond; two creates in one millisecond have no order.
            await Task.Delay(2);
        }

        var first = await api.GetJsonAsync("v1/uploads?pageSize=2");
        var token = first.GetProperty("nextPaginationToken").GetString();
        var second = await api.GetJsonAsync($"v1/uploads?pageSize=2&paginationToken={token}");

        var listed = first.GetProperty("uploads").EnumerateArray().Concat(second.GetProperty("uploads").EnumerateArray())
            .Select(u => u.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids[2], listed[0]);
        Assert.Equal(ids[1], listed[1]);
        Assert.Equal(ids[0], listed[2]);
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    private async Task<byte[]> DownloadAsync(string assetId)
    {
        var asset = (await _api.GetJsonAsync($"v1/assets/{assetId}")).GetProperty("asset");
        using var anonymous = ServiceHost.CreateAnonymousClient();
        return await anonymous.GetByteArrayAsync(asset.GetProperty("url").GetString());
    }

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
