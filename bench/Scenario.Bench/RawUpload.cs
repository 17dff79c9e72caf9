using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Scenario.Bench;

/// <summary>
/// Case 2's ceiling (issue 18): the platform's own cost of what <c>sdk-upload</c> does, with none of the SDK. Create,
/// the parts PUT with a bare <see cref="HttpClient"/> (each body copied from the file in 1 MiB reads: no digest, no
/// progress, no retry) and complete, timed like <c>sdk-upload</c> (from before the create to the completed answer).
/// What the SDK costs beyond this is the SDK's; what this costs beyond curl is .NET's.
/// </summary>
internal static class RawUpload
{
    public static async Task<int> RunAsync(string file, int concurrency, long partSize)
    {
        var baseUrl = Environment.GetEnvironmentVariable("SCENARIO_BASE_URL")!.TrimEnd('/');
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Environment.GetEnvironmentVariable("SCENARIO_SDK_API_KEY")}:{Environment.GetEnvironmentVariable("SCENARIO_SDK_API_SECRET")}"));
        using var http = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        using var handle = File.OpenHandle(file);
        var size = RandomAccess.GetLength(handle);
        var parts = (int)((size + partSize - 1) / partSize);
        var watch = Stopwatch.StartNew();
        using var created = await PostAsync(http, basic, $"{baseUrl}/uploads",
            $"{{\"fileName\":\"raw.bin\",\"contentType\":\"application/octet-stream\",\"fileSize\":{size},\"parts\":{parts},\"kind\":\"asset\"}}");
        var upload = created.RootElement.GetProperty("upload");
        var id = upload.GetProperty("id").GetString()!;
        var urls = upload.GetProperty("parts").EnumerateArray()
            .Select(p => (Number: p.GetProperty("number").GetInt32(), Url: p.GetProperty("url").GetString()!)).ToList();
        await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (part, token) =>
        {
            var offset = (part.Number - 1) * partSize;
            using var request = new HttpRequestMessage(HttpMethod.Put, part.Url) { Content = new FileRangeContent(handle, offset, Math.Min(partSize, size - offset)) };
            using var response = await http.SendAsync(request, token);
            response.EnsureSuccessStatusCode();
        });
        using var completed = await PostAsync(http, basic, $"{baseUrl}/uploads/{id}/action", "{\"action\":\"complete\"}");
        watch.Stop();
        Console.WriteLine($"{Seconds.Of(watch)} {id}");
        return 0;
    }

    private static async Task<JsonDocument> PostAsync(HttpClient http, string basic, string url, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
    }

    /// <summary>A range of the file as a body with its length: read in place in 1 MiB buffers, each written whole.</summary>
    private sealed class FileRangeContent(SafeFileHandle handle, long offset, long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
            try
            {
                for (long sent = 0; sent < length;)
                {
                    var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - sent)), offset + sent);
                    await stream.WriteAsync(buffer.AsMemory(0, read));
                    sent += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }
}
