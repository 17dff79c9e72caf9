using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Scenario.Uploads.Server.Tests.Compatibility;

/// <summary>
/// Uploads the way the clients Scenario's users already run do it, over plain HTTP: S3 and R2 style, with a
/// fixed part size P chosen by the client, <c>parts = ceil(size / P)</c>, parts of exactly P bytes and a
/// smaller last part. The switches reproduce what those clients send besides: Scenario's Blender plugin
/// retrieves the upload before every part, sends <c>Content-Type: application/json</c> on GETs, a
/// <c>projectId</c> query on every call, <c>Connection: close</c> and the file's type on part PUTs.
/// </summary>
public sealed class FixedPartClient(HttpClient api, HttpClient anonymous)
{
    public required long PartSize { get; init; }

    public PartOrder Order { get; init; } = PartOrder.InOrder;

    public bool RetrieveBeforeEachPart { get; init; }

    /// <summary>The Content-Type header of part PUTs; null sends none.</summary>
    public string? PartContentType { get; init; }

    public bool ConnectionClose { get; init; }

    public bool JsonContentTypeOnGet { get; init; }

    public string? ProjectId { get; init; }

    public async Task<Upload> CreateAsync(byte[] bytes, string kind, string fileName, string contentType)
    {
        var parts = bytes.Length == 0 ? 1 : (int)((bytes.LongLength + PartSize - 1) / PartSize);
        var body = JsonSerializer.Serialize(new { fileName, contentType, fileSize = bytes.LongLength, parts, kind });
        using var response = await api.PostAsync(Path("v1/uploads"), new StringContent(body, Encoding.UTF8, "application/json"));
        return await UploadOf(response);
    }

    /// <summary>Sends every part of the created upload; returns the answers in the order they were sent.</summary>
    public async Task SendPartsAsync(Upload created, byte[] bytes)
    {
        var id = created.Id;
        var count = created.PartsCount!.Value;
        var urls = created.Parts.Select(p => p.Url!).ToList();
        IEnumerable<int> numbers = Order == PartOrder.LastFirst
            ? [count, .. Enumerable.Range(1, count - 1)]
            : Enumerable.Range(1, count);
        if (Order == PartOrder.Parallel)
        {
            await Task.WhenAll(numbers.Select(n => SendPartAsync(urls[n - 1], bytes, n, count)));
            return;
        }
        foreach (var number in numbers)
        {
            if (RetrieveBeforeEachPart)
            {
                var current = await RetrieveAsync(id);
                Assert.Equal("pending", current.Status);
                Assert.Equal("multipart", current.Source);
                urls = current.Parts.Select(p => p.Url!).ToList();
            }
            await SendPartAsync(urls[number - 1], bytes, number, count);
        }
    }

    private async Task SendPartAsync(string url, byte[] bytes, int number, int count)
    {
        var offset = (number - 1) * PartSize;
        var length = number < count ? PartSize : bytes.LongLength - offset;
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(bytes, (int)offset, (int)length) };
        if (PartContentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(PartContentType);
        }
        request.Headers.ConnectionClose = ConnectionClose;
        using var response = await anonymous.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"part {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<Upload> CompleteAsync(string uploadId)
    {
        using var response = await api.PostAsync(Path($"v1/uploads/{uploadId}/action"), new StringContent("""{"action":"complete"}""", Encoding.UTF8, "application/json"));
        return await UploadOf(response);
    }

    public async Task<Upload> RetrieveAsync(string uploadId) => Upload.From(await GetAsync($"v1/uploads/{uploadId}"));

    public async Task<JsonElement> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(path));
        if (JsonContentTypeOnGet)
        {
            // As Python's requests sends it with a session-wide header: a Content-Type on a GET with no body.
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        using var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        Assert.DoesNotContain(":null", text.Replace(" ", "", StringComparison.Ordinal));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private string Path(string path) => ProjectId is null ? path : $"{path}?projectId={Uri.EscapeDataString(ProjectId)}";

    private static async Task<Upload> UploadOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return Upload.Parse(text);
    }
}
