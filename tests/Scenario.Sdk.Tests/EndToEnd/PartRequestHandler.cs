using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>
/// Sits between the SDK and the real service: counts part PUTs, notes credentials on them, and can
/// fail chosen attempts of a part before they reach the service.
/// </summary>
public sealed partial class PartRequestHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<int> Puts { get; } = new();

    public bool PutCarriedCredentials { get; private set; }

    /// <summary>Given the part number and its attempt (1-based), a response to send instead of the service's.</summary>
    public Func<int, int, HttpResponseMessage?>? Intercept { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Put && PartPath().Match(request.RequestUri!.AbsolutePath) is { Success: true } match)
        {
            var number = int.Parse(match.Groups[1].Value);
            Puts.Enqueue(number);
            PutCarriedCredentials |= request.Headers.Authorization is not null;
            if (Intercept?.Invoke(number, Puts.Count(n => n == number)) is { } response)
            {
                return Task.FromResult(response);
            }
        }
        return base.SendAsync(request, cancellationToken);
    }

    public static HttpResponseMessage Unavailable() => new(HttpStatusCode.ServiceUnavailable);

    [GeneratedRegex("/v1/uploads/[^/]+/parts/([0-9]+)$")]
    private static partial Regex PartPath();
}
