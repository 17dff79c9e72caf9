using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Scenario.Testing.Http;

/// <summary>An answer read off the socket: the status, the headers (names lower-cased) and the body, de-chunked.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The problem+json body's fields, or null when the answer is not one.</summary>
    public Api.Problem? Problem()
    {
        if (ContentType is null || !ContentType.StartsWith("application/problem+json", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return Api.Problem.From(JsonDocument.Parse(Body).RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => $"{Status} {ContentType}: {(Text.Length > 300 ? Text[..300] + "…" : Text)}";

    /// <summary>Whether the bytes hold a whole answer: its head and as much body as the head announces.</summary>
    public static bool IsComplete(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return false;
        }
        var head = Encoding.Latin1.GetString(bytes[..end]).ToLowerInvariant();
        var body = bytes[(end + 4)..];
        if (head.Contains("\r\ntransfer-encoding: chunked", StringComparison.Ordinal))
        {
            return body.EndsWith("0\r\n\r\n"u8);
        }
        var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("content-length:", StringComparison.Ordinal));
        // Without a length the body ends when the connection does (Connection: close); a 304 or 204 has none.
        return length is not null
            ? body.Length >= long.Parse(length["content-length:".Length..], CultureInfo.InvariantCulture)
            : head.StartsWith("http/1.1 304", StringComparison.Ordinal) || head.StartsWith("http/1.1 204", StringComparison.Ordinal);
    }

    /// <summary>The answer in <paramref name="bytes"/>, or null when they hold no answer's head.</summary>
    public static RawResponse? TryParse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0 || !bytes.AsSpan().StartsWith("HTTP/1.1 "u8))
        {
            return null;
        }
        var lines = Encoding.Latin1.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        var body = bytes[(end + 4)..];
        if (headers.GetValueOrDefault("transfer-encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            body = Dechunk(body);
        }
        return new RawResponse(status, headers, body);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = chunked.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }
            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, position, lineEnd).Split(';')[0], 16);
            position += lineEnd + 2;
            if (size == 0)
            {
                break;
            }
            body.Write(chunked, position, Math.Min(size, chunked.Length - position));
            position += size + 2;
        }
        return body.ToArray();
    }
}
