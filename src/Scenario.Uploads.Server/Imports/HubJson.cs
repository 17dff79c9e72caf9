using System.Net;
using System.Text.Json;

namespace Scenario.Uploads.Server.Imports;

/// <summary>GETs a hub API document; the caller decides what a 401 or 404 means for its hub.</summary>
public static class HubJson
{
    // Model metadata is a few hundred KiB at most; anything far larger is not an API answer.
    private const int MaxBytes = 16 * 1024 * 1024;

    public static async Task<HubAnswer> GetAsync(ImportHttpClient http, Uri url, HostCredential? credential, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, credential, cancellationToken);
        var errorCode = response.Headers.TryGetValues("X-Error-Code", out var values) ? values.FirstOrDefault() : null;
        if (!response.IsSuccessStatusCode)
        {
            return new HubAnswer(response.StatusCode, errorCode, null);
        }
        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            throw ImportException.Refused($"{url.Host} answered a {response.Content.Headers.ContentLength}-byte document where model metadata was expected.");
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        // Capped as it is read, so an answer without Content-Length cannot fill memory either.
        await CopyCappedAsync(body, buffer, url, cancellationToken);
        try
        {
            return new HubAnswer(response.StatusCode, errorCode, JsonDocument.Parse(buffer.ToArray()).RootElement.Clone());
        }
        catch (JsonException)
        {
            throw ImportException.Transient($"{url.Host} answered {url.AbsolutePath} with something that is not JSON.");
        }
    }

    private static async Task CopyCappedAsync(Stream body, MemoryStream buffer, Uri url, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw ImportException.Refused($"{url.Host} answered with more than {MaxBytes} bytes where model metadata was expected.");
            }
            buffer.Write(chunk, 0, read);
        }
    }
}

/// <summary>A hub's answer: the status, its <c>X-Error-Code</c> (Hugging Face), and the JSON when it succeeded.</summary>
public sealed record HubAnswer(HttpStatusCode Status, string? ErrorCode, JsonElement? Json)
{
    public bool IsServerError => (int)Status >= 500 || Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
}
