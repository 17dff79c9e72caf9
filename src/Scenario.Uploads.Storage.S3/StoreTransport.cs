using Amazon.Runtime;
using Scenario.Uploads.Backends;

namespace Scenario.Uploads.Storage.S3;

/// <summary>
/// The S3 client's HTTP transport, which tags every failure of a call to the store (refused, reset, timed
/// out) as the store's: the SDK throws them as plain <see cref="HttpRequestException"/> or
/// <see cref="TimeoutException"/>, which an import's download to some other host throws too, and only the
/// store's may become a 503 <c>storage_unavailable</c>.
/// </summary>
internal sealed class StoreTransport : HttpClientFactory
{
    private const string Tag = "scenario.backend.fault";

    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var sockets = new SocketsHttpHandler
        {
            // The SDK follows S3's redirects itself, signs every request, and wants the bytes as sent.
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            MaxConnectionsPerServer = clientConfig.MaxConnectionsPerServer ?? int.MaxValue,
            // A store behind DNS that moves (a failover) is found again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        return new HttpClient(new Tagging(sockets))
        {
            Timeout = clientConfig.Timeout ?? Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The fault a failure of the transport was tagged with, or null.</summary>
    public static BackendFault? TagOf(Exception error) => error.Data[Tag] as BackendFault;

    private sealed class Tagging(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                // Cancelled here is either the client's timeout or our caller giving up: the service's classifier
                // tells them apart by what the SDK throws around this (a TimeoutException, or not).
                var kind = e is OperationCanceledException ? BackendFaultKinds.Timeout : BackendFaultKinds.Unreachable;
                e.Data[Tag] = new BackendFault(BackendNames.Storage, kind);
                throw;
            }
        }
    }
}
