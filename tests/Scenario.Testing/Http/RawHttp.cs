using System.Net.Sockets;
using System.Text;

namespace Scenario.Testing.Http;

/// <summary>
/// HTTP/1.1 over a bare loopback socket, for requests HttpClient refuses or will not imitate: broken chunk
/// framing, overflowing chunk sizes, raw bytes in paths and bodies (<see cref="SendAsync"/>, one request per
/// connection), and part PUTs that are slow, stalled or cut short (<see cref="OpenPutAsync"/>).
/// </summary>
public sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _socket = new() { NoDelay = true };
    private NetworkStream _stream = null!;

    private RawHttp()
    {
    }

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

    /// <summary>Sends one whole request and reads its answer.</summary>
    /// <param name="halfClose">Ends the sending side after the request, so that a body claiming more than it sends ends there.</param>
    public static async Task<RawResponse> SendAsync(Uri baseUrl, byte[] request, bool halfClose = false, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        await using var raw = await ConnectAsync(baseUrl.Port, cancel.Token);
        try
        {
            await raw._stream.WriteAsync(request, cancel.Token);
            if (halfClose)
            {
                raw.EndBody();
            }
        }
        catch (IOException)
        {
            // The service may answer and close before reading all of a body it refuses; its answer is still there to read.
        }
        var received = await raw.ReceiveAsync(cancel.Token);
        return RawResponse.TryParse(received)
            ?? throw new InvalidDataException($"No HTTP answer ({received.Length} bytes): {Encoding.Latin1.GetString(received)}");
    }

    /// <summary>Starts a PUT of <paramref name="contentLength"/> bytes to <paramref name="url"/>: its head only, the body is the caller's to send.</summary>
    public static async Task<RawHttp> OpenPutAsync(string url, long contentLength)
    {
        var uri = new Uri(url);
        var raw = await ConnectAsync(uri.Port, CancellationToken.None);
        var head = $"PUT {uri.PathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:{uri.Port}\r\nContent-Length: {contentLength}\r\n\r\n";
        await raw._stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        return raw;
    }

    /// <summary>
    /// Starts any request with a body of <paramref name="contentLength"/> bytes (a tus PATCH, say): its head with the
    /// given headers, the body is the caller's to send, or to cut short by disposing.
    /// </summary>
    public static async Task<RawHttp> OpenAsync(string method, string url, IEnumerable<string> headers, long contentLength)
    {
        var uri = new Uri(url);
        var raw = await ConnectAsync(uri.Port, CancellationToken.None);
        await raw._stream.WriteAsync(Head(method, uri.PathAndQuery, headers.Append($"Content-Length: {contentLength}")));
        return raw;
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Ends the request body here (the client's side of the connection closes for writing).</summary>
    public void EndBody() => _socket.Client.Shutdown(SocketShutdown.Send);

    /// <summary>The answer, or null when the connection closed without one.</summary>
    public async Task<RawResponse?> ReadAnswerAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return RawResponse.TryParse(await ReceiveAsync(cancel.Token));
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<RawHttp> ConnectAsync(int port, CancellationToken cancel)
    {
        var raw = new RawHttp();
        await raw._socket.ConnectAsync("127.0.0.1", port, cancel);
        raw._stream = raw._socket.GetStream();
        return raw;
    }

    /// <summary>
    /// Until the answer is whole, not until the service closes: after refusing a body it may first spend
    /// seconds draining the rest of it.
    /// </summary>
    private async Task<byte[]> ReceiveAsync(CancellationToken cancel)
    {
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while (!RawResponse.IsComplete(received.GetBuffer().AsSpan(0, (int)received.Length)) && (read = await _stream.ReadAsync(buffer, cancel)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer (unread request bytes on the service's side) loses nothing we need;
            // a reset before any answer is an answer of none.
        }
        return received.ToArray();
    }
}
