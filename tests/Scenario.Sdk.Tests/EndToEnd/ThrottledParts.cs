using System.Collections.Concurrent;
using System.Net;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>
/// An HTTP handler for the SDK that sends part bodies at a limited rate (so parts are in flight when the
/// test stops the service) and records the status of every part PUT it saw answered.
/// </summary>
public sealed class ThrottledParts(long bytesPerSecond) : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<HttpStatusCode> PartStatuses { get; } = new();

    public ConcurrentQueue<string> PartFailures { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Put || request.Content is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }
        var original = request.Content;
        var slow = new StreamContent(new SlowStream(await original.ReadAsStreamAsync(cancellationToken), bytesPerSecond));
        foreach (var header in original.Headers)
        {
            slow.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        request.Content = slow;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            PartStatuses.Enqueue(response.StatusCode);
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            PartFailures.Enqueue(e.GetType().Name);
            throw;
        }
    }

    private sealed class SlowStream(Stream inner, long bytesPerSecond) : Stream
    {
        private const int Slice = 64 * 1024;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, Slice)], cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds((double)read / bytesPerSecond), cancellationToken);
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
