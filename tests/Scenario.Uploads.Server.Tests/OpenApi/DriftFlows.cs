using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.OpenApi;

/// <summary>
/// The functional flows whose answers the drift test checks: a multipart upload end to end (two parts, an
/// asset), a model, a URL import, a refused file, the list and its pages, jobs, downloads whole and in
/// part, and the client's mistakes of each endpoint (400, 401, 403, 404, 409, 411, 413, 416).
/// </summary>
internal sealed class DriftFlows(DriftFixture fixture)
{
    private const long MiB = 1024 * 1024;

    private HttpClient Api => fixture.Api;

    public async Task RunAsync()
    {
        await fixture.Anonymous.GetAsync("healthz");
        await fixture.Anonymous.GetAsync("readyz");
        var asset = await MultipartAssetAsync();
        await ModelAsync();
        await UrlImportAsync();
        await RefusedFileAsync();
        await ListAsync();
        await DownloadsAsync(asset);
        await MistakesAsync(asset);
        await new DriftResumableFlows(fixture).RunAsync();
    }

    private async Task<JsonElement> MultipartAssetAsync()
    {
        var bytes = new byte[6 * MiB];
        new Random(16).NextBytes(bytes);
        var upload = await CreateAsync(new { fileName = "drift.bin", contentType = "application/octet-stream", fileSize = bytes.Length, parts = 2, kind = "asset", assetOptions = new { hide = true } });
        var id = upload.Id;
        var urls = upload.Parts.Select(p => p.Url!).ToList();
        await Api.PostAsJsonAsync($"v1/uploads/{id}/action", new { action = "complete" }); // 400 parts_missing
        var chunked = new HttpRequestMessage(HttpMethod.Put, urls[0]) { Content = new StreamContent(new MemoryStream(bytes, 0, (int)(5 * MiB))) };
        chunked.Headers.TransferEncodingChunked = true;
        await fixture.Anonymous.SendAsync(chunked); // 411 length_required: no length before the part size is fixed
        await Put(urls[0], bytes.AsMemory(0, (int)(3 * MiB))); // 400 part_size_mismatch: a first part of 3 MiB implies no valid part size
        await Put(urls[0], bytes.AsMemory(0, (int)(5 * MiB)));
        await Api.GetAsync($"v1/uploads/{id}"); // pending, one part held
        await Put(urls[1], bytes.AsMemory((int)(5 * MiB)));
        await Ok(await Api.PostAsJsonAsync($"v1/uploads/{id}/action", new { action = "complete" }));
        await Put(urls[1], bytes.AsMemory((int)(5 * MiB))); // 409 upload_not_pending
        var done = await WaitAsync(id);
        await Api.GetAsync($"v1/jobs/{done.JobId}");
        var assetId = done.EntityId!;
        return await Ok(await Api.GetAsync($"v1/assets/{assetId}"));
    }

    private async Task ModelAsync()
    {
        var bytes = TestFiles.Safetensors();
        var upload = await CreateAsync(new { fileName = "drift.safetensors", contentType = "application/octet-stream", fileSize = bytes.Length, parts = 1, kind = "model" });
        var id = upload.Id;
        await Put(upload.Parts[0].Url!, bytes);
        await Ok(await Api.PostAsJsonAsync($"v1/uploads/{id}/action", new { action = "upload-complete" }));
        var done = await WaitAsync(id);
        await Ok(await Api.GetAsync($"v1/models/{done.EntityId}"));
    }

    private async Task UrlImportAsync()
    {
        var url = fixture.Files.Add("drift.png", TestFiles.Png(), "image/png");
        var upload = await CreateAsync(new { url, kind = "image" });
        await WaitAsync(upload.Id);
    }

    private async Task RefusedFileAsync()
    {
        var bytes = Encoding.ASCII.GetBytes("not an image at all");
        var upload = await CreateAsync(new { fileName = "fake.png", contentType = "image/png", fileSize = bytes.Length, parts = 1, kind = "image" });
        var id = upload.Id;
        await Put(upload.Parts[0].Url!, bytes);
        await Api.PostAsJsonAsync($"v1/uploads/{id}/action", new { action = "complete" });
        var failed = await WaitAsync(id);
        Assert.Equal("failed", failed.Status);
        await Api.PostAsJsonAsync($"v1/uploads/{id}/action", new { action = "complete" }); // 409 upload_failed
        var pending = await CreateAsync(new { fileName = "given-up.txt", contentType = "text/plain", fileSize = 10, parts = 1, kind = "text" });
        await Ok(await Api.PostAsJsonAsync($"v1/uploads/{pending.Id}/action", new { action = "abort" }));
    }

    private async Task ListAsync()
    {
        var first = await Ok(await Api.GetAsync("v1/uploads?pageSize=2"));
        await Ok(await Api.GetAsync($"v1/uploads?pageSize=2&paginationToken={Uri.EscapeDataString(first.GetProperty("nextPaginationToken").GetString()!)}"));
        await Api.GetAsync("v1/uploads");
        await Api.GetAsync("v1/uploads?pageSize=1000"); // 400 invalid_page_size
        await Api.GetAsync("v1/uploads?paginationToken=garbage"); // 400 invalid_pagination_token
    }

    private async Task DownloadsAsync(JsonElement asset)
    {
        var url = asset.GetProperty("asset").GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, (await Send(HttpMethod.Get, url, "bytes=0-99")).StatusCode);
        await Send(HttpMethod.Get, url, $"bytes={100 * MiB}-"); // 416 range_not_satisfiable
        await fixture.Anonymous.GetAsync(url.Replace("signature=", "signature=0", StringComparison.Ordinal)); // 403 invalid_signature
    }

    private async Task MistakesAsync(JsonElement asset)
    {
        await Api.PostAsync("v1/uploads", new StringContent("{", Encoding.UTF8, "application/json")); // 400 invalid_json
        await Api.PostAsJsonAsync("v1/uploads", new { }); // 400 missing_mode
        await Api.PostAsync("v1/uploads", new StringContent("{}")); // text/plain: read all the same, 400 missing_mode (never 415)
        await Api.PostAsJsonAsync("v1/uploads", new { fileName = "a.bin", contentType = "application/octet-stream", fileSize = 1, parts = 1, kind = "sculpture" });
        await Api.PostAsJsonAsync("v1/uploads", new { fileName = "a.bin", contentType = "application/octet-stream", fileSize = 1, parts = 0, kind = "asset" });
        await Api.PostAsync("v1/uploads", new StringContent($$"""{"fileName":"{{new string('a', 70_000)}}"}""", Encoding.UTF8, "application/json")); // 413
        await Api.PostAsJsonAsync("v1/uploads", new { url = "http://user:pass@127.0.0.1/x", kind = "asset" });
        await fixture.WrongSecret.GetAsync("v1/uploads"); // 401
        await fixture.Anonymous.PostAsJsonAsync("v1/uploads", new { }); // 401
        var crossSite = new HttpRequestMessage(HttpMethod.Post, "v1/uploads") { Content = JsonContent.Create(new { }) };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        await Api.SendAsync(crossSite); // 403 cross_site_request
        await Api.GetAsync("v1/uploads/upload_0000000000000000000000"); // 404
        await Api.GetAsync("v1/assets/asset_0000000000000000000000");
        await Api.GetAsync("v1/models/model_0000000000000000000000");
        await Api.GetAsync("v1/jobs/job_0000000000000000000000");
        await Api.PostAsJsonAsync("v1/uploads/upload_0000000000000000000000/action", new { action = "complete" });
        await Api.PostAsJsonAsync("v1/uploads/upload_0000000000000000000000/action", new { action = "dance" }); // 400 invalid_action
        var upload = await CreateAsync(new { fileName = "late.bin", contentType = "application/octet-stream", fileSize = 8, parts = 1, kind = "asset" });
        var part = upload.Parts[0].Url!;
        await fixture.Anonymous.PutAsync(part.Replace("signature=", "signature=0", StringComparison.Ordinal), new ByteArrayContent(new byte[8])); // 403
        await fixture.Anonymous.PutAsync(part.Replace("/parts/1?", "/parts/2?", StringComparison.Ordinal), new ByteArrayContent(new byte[8]));
        var digest = new ByteArrayContent(new byte[8]);
        digest.Headers.TryAddWithoutValidation("Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA==");
        await fixture.Anonymous.PutAsync(part, digest); // 400 bad_digest
        await fixture.Anonymous.GetAsync($"v1/files/{asset.GetProperty("asset").GetProperty("id").GetString()}?expires=2000-01-01T00:00:00Z&signature=x");
    }

    private async Task<Upload> CreateAsync(object body)
    {
        var response = await Api.PostAsJsonAsync("v1/uploads", body);
        return Upload.From(await Ok(response));
    }

    private Task<HttpResponseMessage> Put(string url, ReadOnlyMemory<byte> bytes) => fixture.Anonymous.PutAsync(url, new ReadOnlyMemoryContent(bytes));

    private Task<HttpResponseMessage> Send(HttpMethod method, string url, string range)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Range", range);
        return fixture.Anonymous.SendAsync(request);
    }

    private async Task<Upload> WaitAsync(string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var upload = Upload.From(await Ok(await Api.GetAsync($"v1/uploads/{id}")));
            if (upload.Status is "imported" or "failed" || DateTime.UtcNow > deadline)
            {
                return upload;
            }
            await Task.Delay(50);
        }
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
