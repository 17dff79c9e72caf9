using Scenario.Testing;
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

    private sealed class SlowStream(Stream inner, long bytesPerSecond) : ReadingStream(inner)
    {
        private const int Slice = 64 * 1024;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await Inner.ReadAsync(buffer[..Math.Min(buffer.Length, Slice)], cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds((double)read / bytesPerSecond), cancellationToken);
            return read;
        }
    }
}
