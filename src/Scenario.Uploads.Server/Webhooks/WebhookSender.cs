using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Imports;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Webhooks;

/// <summary>
/// POSTs a signed body to a receiver. Its connections go through the imports' <see cref="GuardedConnector"/>
/// (a name that resolves to a private address is refused at connect time, rebinding included); redirects are
/// not followed, so a receiver cannot send the event on to an address the policy would refuse.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeProvider _time;

    public WebhookSender(IOptions<WebhooksOptions> options, IOptions<ImportsOptions> imports, TimeProvider time)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = GuardedConnector.ForPolicy(imports.Value.AllowPrivateNetworks).ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _client = new HttpClient(handler) { Timeout = options.Value.Timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Scenario-Uploads-Webhook/1.0");
        _time = time;
    }

    /// <summary>Null when the receiver answered 2xx; otherwise why the attempt failed, for the job's last error.</summary>
    public async Task<string?> SendAsync(WebhookTarget target, string eventId, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.EventIdHeader, eventId);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.For(target.Secret, _time.GetUtcNow().ToUnixTimeSeconds(), body));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"The receiver answered {(int)response.StatusCode}.";
        }
        catch (HttpRequestException e)
        {
            return $"Could not deliver to {request.RequestUri!.Host}: {e.InnerException?.Message ?? e.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"The receiver did not answer within {_client.Timeout.TotalSeconds:0.#} s.";
        }
    }

    public void Dispose() => _client.Dispose();
}
