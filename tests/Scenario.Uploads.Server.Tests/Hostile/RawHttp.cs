using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>An answer read off the socket: the status, the headers (names lower-cased) and the body, de-chunked.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The problem+json body's fields, or null when the answer is not one.</summary>
    public JsonElement? Problem()
    {
        if (ContentType is null || !ContentType.StartsWith("application/problem+json", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(Body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => $"{Status} {ContentType}: {(Text.Length > 300 ? Text[..300] + "…" : Text)}";
}

/// <summary>
/// HTTP/1.1 over a bare loopback socket, for requests HttpClient refuses to send (broken chunk framing,
/// overflowing chunk sizes, raw bytes in paths and bodies). One request per connection.
/// </summary>
public static class RawHttp
{
    public static string Basic(string apiKey, string apiSecret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{apiKey}:{apiSecret}"));

    /// <summary>The request head, with <c>Host</c> and <c>Connection: close</c>; <paramref name="headers"/> are sent as given.</summary>
    public static byte[] Head(string method, string target, IEnumerable<string> headers)
    {
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }
        return Encoding.Latin1.GetBytes(head.Append("\r\n").ToString());
    }

    /// <summary>A request whose body is sent with Content-Length (the body's own unless <paramref name="contentLength"/> lies).</summary>
    public static byte[] WithLength(string method, string target, IEnumerable<string> headers, byte[] body, long? contentLength = null) =>
        [.. Head(method, target, headers.Append($"Content-Length: {contentLength ?? body.Length}")), .. body];

    /// <summary>A request whose body is sent as one chunk, correctly framed.</summary>
    public static byte[] Chunked(string method, string target, IEnumerable<string> headers, byte[] body) =>
        [.. Head(method, target, headers.Append("Transfer-Encoding: chunked")), .. Encoding.ASCII.GetBytes($"{body.Length:X}\r\n"), .. body, .. "\r\n0\r\n\r\n"u8];

    /// <summary>A chunked request whose framing after the head is <paramref name="framing"/> verbatim.</summary>
    public static byte[] BrokenChunked(string method, string target, IEnumerable<string> headers, string framing) =>
        [.. Head(method, target, headers.Append("Transfer-Encoding: chunked")), .. Encoding.Latin1.GetBytes(framing)];

    /// <param name="halfClose">Ends the sending side after the request, so that a body claiming more than it sends ends there.</param>
    public static async Task<RawResponse> SendAsync(Uri baseUrl, byte[] request, bool halfClose = false, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        using var socket = new TcpClient { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", baseUrl.Port, cancel.Token);
        var stream = socket.GetStream();
        try
        {
            await stream.WriteAsync(request, cancel.Token);
            if (halfClose)
            {
                socket.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (IOException)
        {
            // The service may answer and close before reading all of a body it refuses; its answer is still there to read.
        }
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            // Until the answer is whole, not until the service closes: after refusing a body it may first spend
            // seconds draining the rest of it.
            int read;
            while (!IsComplete(received.GetBuffer().AsSpan(0, (int)received.Length)) && (read = await stream.ReadAsync(buffer, cancel.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer (unread request bytes on the service's side) loses nothing we need.
        }
        return Parse(received.ToArray());
    }

    private static bool IsComplete(ReadOnlySpan<byte> bytes)
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
            ? body.Length >= long.Parse(length["content-length:".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : head.StartsWith("http/1.1 304", StringComparison.Ordinal) || head.StartsWith("http/1.1 204", StringComparison.Ordinal);
    }

    private static RawResponse Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidDataException($"No HTTP answer ({bytes.Length} bytes): {Encoding.Latin1.GetString(bytes)}");
        }
        var lines = Encoding.Latin1.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
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
            var sizeText = Encoding.ASCII.GetString(chunked, position, lineEnd).Split(';')[0];
            var size = Convert.ToInt32(sizeText, 16);
            position += lineEnd + 2;
            if (size == 0)
            {
                break;
            }
            body.Write(chunked, position, size);
            position += size + 2;
        }
        return body.ToArray();
    }
}
