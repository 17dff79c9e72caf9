using System.Text.Json;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Server.Services;

namespace Scenario.Uploads.Server.Http;

/// <summary>Reads a small JSON request body with a hard cap, without trusting Content-Length or Content-Type.</summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<ParseResult<JsonDocument>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return TooLarge();
        }
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        if (length > MaxBytes)
        {
            return TooLarge();
        }
        if (length == 0)
        {
            return ParseResult<JsonDocument>.Fail(ErrorCodes.InvalidJson, "The request body is empty; send a JSON object.");
        }
        try
        {
            return ParseResult<JsonDocument>.Ok(JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 16 }));
        }
        catch (JsonException e)
        {
            return ParseResult<JsonDocument>.Fail(ErrorCodes.InvalidJson,
                $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
    }

    private static ParseResult<JsonDocument> TooLarge() =>
        ParseResult<JsonDocument>.Fail(ErrorCodes.BodyTooLarge, $"The request body is over {MaxBytes / 1024} KiB; a create or action request is a small JSON object.");
}
