using System.Buffers;
using System.Text;
using System.Text.Json;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;

namespace Scenario.Uploads.Server.Http;

/// <summary>Reads a small JSON request body with a hard cap, without trusting Content-Length or Content-Type.</summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<Result<JsonDocument>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return TooLarge();
        }
        // Pooled: a fresh 64 KiB array per request would be zeroed every time, for bodies mostly far smaller.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }
            if (length > MaxBytes)
            {
                return TooLarge();
            }
            if (length == 0)
            {
                return Result<JsonDocument>.Fail(ErrorCodes.InvalidJson, "The request body is empty; send a JSON object.");
            }
            // The reader does not check the UTF-8 inside strings: left to GetString, a stray byte was a 500.
            if (FirstInvalidUtf8(buffer.AsSpan(0, length)) is { } offset)
            {
                return Result<JsonDocument>.Fail(ErrorCodes.InvalidJson,
                    $"The request body is not UTF-8: byte {offset + 1} does not start a UTF-8 character. Send the JSON encoded as UTF-8.");
            }
            // The document keeps the memory it parses, so it gets its own copy of the few bytes read.
            return Result<JsonDocument>.Ok(JsonDocument.Parse(buffer.AsMemory(0, length).ToArray(), new JsonDocumentOptions { MaxDepth = 16 }));
        }
        catch (JsonException e)
        {
            return Result<JsonDocument>.Fail(ErrorCodes.InvalidJson,
                $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
        catch (Exception e) when (ClientRequestErrors.StatusOf(e) is { } status)
        {
            // The client's framing, not our fault: left to the exception handler it was logged as a server
            // error with its stack, once for every client that gave up mid-request. Kestrel's own limit (a
            // chunked body can pass it before our cap is reached) is the same too-large body as ours.
            return status == StatusCodes.Status413PayloadTooLarge
                ? TooLarge()
                : Result<JsonDocument>.Fail(ErrorCodes.InvalidJson,
                    "The request body ended early or its chunked framing is broken (a chunk size that is not hexadecimal, or too large); send the whole JSON object again.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }
        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        return offset;
    }

    private static Result<JsonDocument> TooLarge() =>
        Result<JsonDocument>.Fail(ErrorCodes.BodyTooLarge, $"The request body is over {MaxBytes / 1024} KiB; a create or action request is a small JSON object.");
}
