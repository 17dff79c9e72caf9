using Scenario.Testing;
using System.Collections.Concurrent;
using System.Net;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>
/// Sits between the SDK and the real service (or S3 store): records every ranged GET of a download URL with the
/// status it got, counts the entity retrievals that sign those URLs, and can hold the first ranged GET back.
/// </summary>
public sealed class DownloadRequestHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _held;

    /// <summary>Every ranged GET that got an answer: the first byte asked for, how many, and the status.</summary>
    public ConcurrentQueue<RangeGet> Gets { get; } = new();

    /// <summary>How many <c>GET /assets/{id}</c> or <c>GET /models/{id}</c> were sent.</summary>
    public int EntityRetrievals => _entityRetrievals;

    private int _entityRetrievals;

    /// <summary>Any request at all that went out.</summary>
    public int Requests => _requests;

    private int _requests;

    public bool GetCarriedCredentials { get; private set; }

    /// <summary>Awaited before the first ranged GET is sent on.</summary>
    public Func<CancellationToken, Task>? HoldFirstGet { get; set; }

    /// <summary>The body of the first ranged GET breaks off (an <see cref="IOException"/>) after this many bytes.</summary>
    public long? CutFirstBodyAfter { get; set; }

    /// <summary>The first ranged GET is answered with this status and <c>Retry-After: 0</c>, as a busy store does, without reaching the service.</summary>
    public HttpStatusCode? RefuseFirstWith { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Get && (path.Contains("/v1/assets/", StringComparison.Ordinal) || path.Contains("/v1/models/", StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref _entityRetrievals);
        }
        if (request.Method != HttpMethod.Get || request.Headers.Range?.Ranges.SingleOrDefault() is not { } range)
        {
            return await base.SendAsync(request, cancellationToken);
        }
        GetCarriedCredentials |= request.Headers.Authorization is not null;
        var first = Interlocked.Exchange(ref _held, 1) == 0;
        if (first && HoldFirstGet is { } hold)
        {
            await hold(cancellationToken);
        }
        if (first && RefuseFirstWith is { } status)
        {
            Gets.Enqueue(new RangeGet(range.From!.Value, range.To!.Value - range.From.Value + 1, status));
            var refusal = new HttpResponseMessage(status) { Content = new StringContent("busy") };
            refusal.Headers.TryAddWithoutValidation("Retry-After", "0");
            return refusal;
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (first && CutFirstBodyAfter is { } limit)
        {
            var cut = new StreamContent(new CutOffStream(await response.Content.ReadAsStreamAsync(cancellationToken), limit));
            foreach (var header in response.Content.Headers)
            {
                cut.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Content = cut;
        }
        Gets.Enqueue(new RangeGet(range.From!.Value, range.To!.Value - range.From.Value + 1, response.StatusCode));
        return response;
    }
}

/// <summary>A response body that breaks off after a number of bytes, as a dropped connection does.</summary>
internal sealed class CutOffStream(Stream inner, long limit) : ReadingStream(inner)
{
    private long _passed;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_passed >= limit)
        {
            throw new IOException("The connection was reset (test).");
        }
        var read = await Inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, limit - _passed)], cancellationToken);
        _passed += read;
        return read;
    }
}

/// <summary>One ranged GET as sent, and its answer.</summary>
public sealed record RangeGet(long From, long Length, HttpStatusCode Status);
