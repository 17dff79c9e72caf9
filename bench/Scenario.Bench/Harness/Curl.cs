using System.Text.Json;

namespace Scenario.Bench.Harness;

/// <summary>
/// The service through curl, as a plain HTTP client sees it: create, the part PUTs with N curl processes at once
/// (no Expect: 100-continue), abort. -S: a refused request says its status on standard error before the run stops.
/// </summary>
internal static class Curl
{
    public static Task<string> ApiAsync(Service service, params string[] args) =>
        Proc.RunAsync("curl", ["-sSf", "-H", $"Authorization: Basic {Service.BasicAuth}", .. args]);

    public static string CreateBody(string fileName, long fileSize, int parts) =>
        $"{{\"fileName\":\"{fileName}\",\"contentType\":\"application/octet-stream\",\"fileSize\":{fileSize},\"parts\":{parts},\"kind\":\"asset\"}}";

    /// <summary>The created upload's JSON.</summary>
    public static Task<string> CreateUploadAsync(Service service, long fileSize, int parts) =>
        ApiAsync(service, $"{service.Url}/v1/uploads", "-H", "Content-Type: application/json", "-d", CreateBody("bench.bin", fileSize, parts));

    public static string IdOf(string uploadJson)
    {
        using var document = JsonDocument.Parse(uploadJson);
        return document.RootElement.GetProperty("upload").GetProperty("id").GetString()!;
    }

    /// <summary>Every part of the created upload PUT to its signed URL, <paramref name="concurrency"/> curl at once; part N's body is fileOfPart(N).</summary>
    public static async Task PutPartsAsync(string uploadJson, int concurrency, Func<int, string> fileOfPart)
    {
        List<(int Number, string Url)> parts;
        using (var document = JsonDocument.Parse(uploadJson))
        {
            parts = document.RootElement.GetProperty("upload").GetProperty("parts").EnumerateArray()
                .Select(p => (p.GetProperty("number").GetInt32(), p.GetProperty("url").GetString()!)).ToList();
        }
        await PutAllAsync(parts.Select(p => (fileOfPart(p.Number), p.Url, (string[])[])), concurrency);
    }

    /// <summary>Files PUT to URLs, <paramref name="concurrency"/> curl at once, each with its extra headers.</summary>
    public static Task PutAllAsync(IEnumerable<(string File, string Url, string[] Extra)> puts, int concurrency) =>
        Parallel.ForEachAsync(puts, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (put, token) =>
            await Proc.RunAsync("curl", ["-sf", "-H", "Expect:", .. put.Extra, "-T", put.File, put.Url, "-o", "/dev/null"], token: token));

    public static Task AbortAsync(Service service, string uploadId) =>
        ApiAsync(service, $"{service.Url}/v1/uploads/{uploadId}/action", "-H", "Content-Type: application/json", "-d", "{\"action\":\"abort\"}", "-o", "/dev/null");
}
