using System.Net;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Imports;

/// <summary>
/// The only HTTP client imports use. Every connection goes through <see cref="GuardedConnector"/>;
/// redirects are followed here rather than by the handler, so that each hop's scheme is checked, the
/// hop count is bounded and a hub's token never travels to another host (its storage, say).
/// </summary>
public sealed class ImportHttpClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly int _maxRedirects;

    public ImportHttpClient(IOptions<ImportsOptions> options)
        : this(GuardedConnector.ForPolicy(options.Value.AllowPrivateNetworks), options.Value.MaxRedirects)
    {
    }

    public ImportHttpClient(GuardedConnector connector, int maxRedirects)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy would make the connection for us, past the guard.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = connector.ConnectAsync,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Scenario-Uploads-Import/1.0");
        _maxRedirects = maxRedirects;
    }

    /// <summary>GETs <paramref name="url"/>, following redirects; returns the final response with its headers read, body not.</summary>
    public async Task<HttpResponseMessage> GetAsync(Uri url, HostCredential? credential, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            CheckTarget(current, hop);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (credential is not null && credential.AppliesTo(current))
            {
                request.Headers.Authorization = credential.Header;
            }
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException e) when (e.InnerException is ImportException inner)
            {
                throw new ImportException(inner.Message, inner.Permanent, e);
            }
            catch (HttpRequestException e)
            {
                throw ImportException.Transient($"Could not reach {current.Host}: {e.Message}", e);
            }
            if (!IsRedirect(response.StatusCode))
            {
                return response;
            }
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                throw ImportException.Refused($"{current.Host} answered a redirect without saying where to. Check the URL.");
            }
            if (hop >= _maxRedirects)
            {
                throw ImportException.Refused($"The download was redirected more than {_maxRedirects} times. Give the file's final URL.");
            }
            current = WithoutUserInfo(location.IsAbsoluteUri ? location : new Uri(current, location));
        }
    }

    private static void CheckTarget(Uri url, int hop)
    {
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw ImportException.Refused(hop == 0
                ? $"Only http and https URLs can be imported; got a {url.Scheme} URL."
                : $"The download was redirected to a {url.Scheme} URL; imports only follow http and https.");
        }
    }

    // Credentials written into a redirect's URL are never used: they would go to a host the user did not name.
    private static Uri WithoutUserInfo(Uri url) =>
        string.IsNullOrEmpty(url.UserInfo) || !url.IsAbsoluteUri ? url : new UriBuilder(url) { UserName = "", Password = "" }.Uri;

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    public void Dispose() => _client.Dispose();
}
