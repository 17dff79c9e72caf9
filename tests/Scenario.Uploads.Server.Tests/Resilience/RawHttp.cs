using System.Net.Sockets;
using System.Text;

namespace Scenario.Uploads.Server.Tests.Resilience;

/// <summary>A part PUT over a raw socket, for clients HttpClient will not imitate: slow, stalled or cut short.</summary>
public sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _socket = new();
    private NetworkStream _stream = null!;

    public static async Task<RawHttp> PutAsync(string url, long contentLength)
    {
        var uri = new Uri(url);
        var raw = new RawHttp();
        await raw._socket.ConnectAsync("127.0.0.1", uri.Port);
        raw._stream = raw._socket.GetStream();
        var head = $"PUT {uri.PathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:{uri.Port}\r\nContent-Length: {contentLength}\r\n\r\n";
        await raw._stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        return raw;
    }

    public async Task SendAsync(ReadOnlyMemory<byte> bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Ends the request body here (the client's side of the connection closes for writing).</summary>
    public void EndBody() => _socket.Client.Shutdown(SocketShutdown.Send);

    /// <summary>The status code of the answer and its whole text, or null when the connection closed without one.</summary>
    public async Task<(int Status, string Text)?> ReadAnswerAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer, cancellation.Token);
                if (read == 0)
                {
                    break;
                }
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && text.ToString().Contains("\"traceId\"", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
        }
        var all = text.ToString();
        return all.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? (int.Parse(all.AsSpan(9, 3)), all) : null;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
