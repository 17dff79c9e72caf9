using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Scenario.Testing.Api;

/// <summary>
/// The service's API as curl or a browser calls it, answers read into <see cref="Upload"/> and <see cref="Job"/>;
/// plus the whole flow (create, PUT the parts, complete, wait).
/// </summary>
public sealed class UploadApi(Uri baseUrl, string apiKey, string apiSecret) : IDisposable
{
    private readonly HttpClient _client = ServiceHost.CreateClient(baseUrl, apiKey, apiSecret);
    private readonly HttpClient _anonymous = ServiceHost.CreateAnonymousClient();

    public UploadApi(ServiceHost host, string? apiKey = null, string? apiSecret = null)
        : this(host.BaseUrl, apiKey ?? host.ApiKey, apiSecret ?? host.ApiSecret)
    {
    }

    /// <summary>For a service running as a child process with the test keys.</summary>
    public UploadApi(ServiceProcess process)
        : this(process.BaseUrl, TestKeys.ApiKey, TestKeys.ApiSecret)
    {
    }

    public HttpClient Client => _client;

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<Upload> CreateAsync(object body) => await UploadOf(await _client.PostAsJsonAsync("v1/uploads", body));

    public async Task<Upload> CreateFor(byte[] bytes, string kind, string fileName, string contentType, int parts = 1) =>
        await CreateAsync(new { fileName, contentType, fileSize = bytes.LongLength, parts, kind });

    public async Task<Upload> RetrieveAsync(string uploadId) => await UploadOf(await _client.GetAsync($"v1/uploads/{uploadId}"));

    public Task<HttpResponseMessage> ActionAsync(string uploadId, string action) =>
        PostJsonAsync($"v1/uploads/{uploadId}/action", $$"""{"action":"{{action}}"}""");

    public async Task<Upload> CompleteAsync(string uploadId) => await UploadOf(await ActionAsync(uploadId, "complete"));

    public Task<HttpResponseMessage> PutPartAsync(string url, ReadOnlyMemory<byte> bytes, string? contentMd5 = null)
    {
        var content = new ReadOnlyMemoryContent(bytes);
        if (contentMd5 is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-MD5", contentMd5);
        }
        return _anonymous.PutAsync(url, content);
    }

    /// <summary>
    /// PUTs every part of <paramref name="bytes"/> in the given order, all at once, cut as S3 clients cut a
    /// file: parts of <paramref name="partSize"/> bytes (by default ceil(size / parts), the size this
    /// service used to impose) and a smaller last part.
    /// </summary>
    public async Task PutPartsAsync(Upload upload, byte[] bytes, IEnumerable<int>? order = null, long? partSize = null)
    {
        var parts = upload.Parts;
        var size = partSize ?? (bytes.LongLength + parts.Count - 1) / parts.Count;
        var puts = (order ?? parts.Select(p => p.Number)).Select(async n =>
        {
            var offset = (n - 1) * size;
            var length = n < parts.Count ? size : bytes.LongLength - offset;
            var response = await PutPartAsync(parts[n - 1].Url, bytes.AsMemory((int)offset, (int)length));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"part {n}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        });
        await Task.WhenAll(puts);
    }

    /// <summary>Create, PUT every part, complete, wait: the upload at the end.</summary>
    public async Task<Upload> UploadAsync(byte[] bytes, string kind, string fileName, string contentType, int parts = 1)
    {
        var upload = await CreateFor(bytes, kind, fileName, contentType, parts);
        await PutPartsAsync(upload, bytes);
        await CompleteAsync(upload.Id);
        return await WaitForEndAsync(upload.Id);
    }

    /// <summary>Polls until the upload is imported or failed.</summary>
    public async Task<Upload> WaitForEndAsync(string uploadId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var upload = await RetrieveAsync(uploadId);
            if (upload.Status is "imported" or "failed" || DateTime.UtcNow > deadline)
            {
                return upload;
            }
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The job once its worker ended it: the worker commits the upload's last status a moment before it
    /// ends the job, so on a busy machine a job can still be in progress when its upload is imported.
    /// </summary>
    public async Task<Job> WaitForJobEndAsync(string jobId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var job = Job.From(await GetJsonAsync($"v1/jobs/{jobId}"));
            if (job.Status is not ("queued" or "in-progress") || DateTime.UtcNow > deadline)
            {
                return job;
            }
            await Task.Delay(50);
        }
    }

    /// <summary>A GET that must answer 200: its JSON, for the resources this driver does not type (assets, models).</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJson(response);
    }

    public async Task<IReadOnlyList<Upload>> ListAsync()
    {
        var list = await GetJsonAsync("v1/uploads?pageSize=100");
        return [.. list.GetProperty("uploads").EnumerateArray().Select(Upload.From)];
    }

    public async Task<int> CountUploadsAsync() => (await ListAsync()).Count;

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Md5Base64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(MD5.HashData(bytes));

    public static async Task<JsonElement> ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>The upload in a 200 answer; anything else fails the test with the answer's text.</summary>
    public static async Task<Upload> UploadOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return Upload.From(JsonDocument.Parse(body).RootElement);
    }

    public void Dispose()
    {
        _client.Dispose();
        _anonymous.Dispose();
    }
}
