using System.Collections.Concurrent;
using System.Net;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>Sends the SDK's requests for real and records the status of every answer, so a test sees its retries.</summary>
public sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public CountingHandler()
        : this(new SocketsHttpHandler())
    {
    }

    public ConcurrentQueue<HttpStatusCode> Statuses { get; } = new();

    public int Count(HttpStatusCode status) => Statuses.Count(s => s == status);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Statuses.Enqueue(response.StatusCode);
        return response;
    }
}
