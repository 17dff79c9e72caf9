using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>Raw HTTP calls to the service, as curl or a browser would make them, plus the whole flow.</summary>
public sealed class UploadApi(ServiceHost host, string? apiKey = null, string? apiSecret = null) : IDisposable
{
    private readonly HttpClient _client = host.CreateClient(apiKey, apiSecret);
    private readonly HttpClient _anonymous = ServiceHost.CreateAnonymousClient();

    public HttpClient Client => _client;

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonElement> CreateAsync(object body)
    {
        var response = await _client.PostAsJsonAsync("v1/uploads", body);
        return await UploadOf(response);
    }

    public async Task<JsonElement> CreateFor(byte[] bytes, string kind, string fileName, string contentType, int parts = 1) =>
        await CreateAsync(new { fileName, contentType, fileSize = bytes.LongLength, parts, kind });

    public async Task<JsonElement> RetrieveAsync(string uploadId) => await UploadOf(await _client.GetAsync($"v1/uploads/{uploadId}"));

    public Task<HttpResponseMessage> ActionAsync(string uploadId, string action) =>
        PostJsonAsync($"v1/uploads/{uploadId}/action", $$"""{"action":"{{action}}"}""");

    public async Task<JsonElement> CompleteAsync(string uploadId) => await UploadOf(await ActionAsync(uploadId, "complete"));

    public Task<HttpResponseMessage> PutPartAsync(string url, ReadOnlyMemory<byte> bytes, string? contentMd5 = null)
    {
        var content = new ReadOnlyMemoryContent(bytes);
        if (contentMd5 is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-MD5", contentMd5);
        }
        return _anonymous.PutAsync(url, content);
    }

    /// <summary>PUTs every part of <paramref name="bytes"/> per the upload's plan, in the given order, all at once.</summary>
    public async Task PutPartsAsync(JsonElement upload, byte[] bytes, IEnumerable<int>? order = null)
    {
        var parts = upload.GetProperty("parts").EnumerateArray().ToList();
        var partSize = parts[0].GetProperty("size").GetInt64();
        var numbers = order ?? parts.Select(p => p.GetProperty("number").GetInt32());
        var puts = numbers.Select(async n =>
        {
            var part = parts[n - 1];
            var offset = (n - 1) * partSize;
            var response = await PutPartAsync(part.GetProperty("url").GetString()!, bytes.AsMemory((int)offset, (int)part.GetProperty("size").GetInt64()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        await Task.WhenAll(puts);
    }

    /// <summary>Create, PUT every part, complete, wait: the upload at the end.</summary>
    public async Task<JsonElement> UploadAsync(byte[] bytes, string kind, string fileName, string contentType, int parts = 1)
    {
        var upload = await CreateFor(bytes, kind, fileName, contentType, parts);
        await PutPartsAsync(upload, bytes);
        var id = upload.GetProperty("id").GetString()!;
        await CompleteAsync(id);
        return await WaitForEndAsync(id);
    }

    /// <summary>Polls until the upload is imported or failed.</summary>
    public async Task<JsonElement> WaitForEndAsync(string uploadId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var upload = await RetrieveAsync(uploadId);
            var status = upload.GetProperty("status").GetString();
            if (status is "imported" or "failed" || DateTime.UtcNow > deadline)
            {
                return upload;
            }
            await Task.Delay(50);
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJson(response);
    }

    public async Task<int> CountUploadsAsync()
    {
        var list = await GetJsonAsync("v1/uploads?pageSize=100");
        return list.GetProperty("uploads").GetArrayLength();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Md5Base64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(MD5.HashData(bytes));

    public static async Task<JsonElement> ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<JsonElement> UploadOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("upload").Clone();
    }

    public void Dispose()
    {
        _client.Dispose();
        _anonymous.Dispose();
    }
}
