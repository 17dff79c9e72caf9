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
        if (HoldFirstGet is { } hold && Interlocked.Exchange(ref _held, 1) == 0)
        {
            await hold(cancellationToken);
        }
        var response = await base.SendAsync(request, cancellationToken);
        Gets.Enqueue(new RangeGet(range.From!.Value, range.To!.Value - range.From.Value + 1, response.StatusCode));
        return response;
    }
}

/// <summary>One ranged GET as sent, and its answer.</summary>
public sealed record RangeGet(long From, long Length, HttpStatusCode Status);
