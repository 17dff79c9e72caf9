using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scenario.Exceptions;
using Scenario.Telemetry;

namespace Scenario.Core;

/// <summary>
/// The HTTP pipeline of API calls: credentials, JSON, timeout per attempt, retries and error mapping.
/// Part uploads do not go through here: they must not carry credentials (see <see cref="PartClient"/>).
/// </summary>
internal sealed class ApiTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly HttpClient _api;
    private readonly ResolvedSettings _settings;
    private readonly bool _ownsClients;

    public ApiTransport(ScenarioClientOptions options)
    {
        _settings = ResolvedSettings.From(options);
        Logger = options.LoggerFactory?.CreateLogger(ScenarioTelemetry.LoggerCategory) ?? NullLogger.Instance;
        if (options.HttpClient is { } client)
        {
            _api = client;
            PartClient = client;
        }
        else
        {
            var handler = options.HttpMessageHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            var disposeHandler = options.HttpMessageHandler is null;
            // Timeouts are applied per attempt with a token, so the clients themselves never time out;
            // that matters for parts, where a 5 GiB PUT may legitimately take an hour.
            _api = new HttpClient(handler, disposeHandler) { Timeout = Timeout.InfiniteTimeSpan };
            PartClient = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
            _ownsClients = true;
        }
    }

    public Uri BaseUrl => _settings.BaseUrl;

    /// <summary>Where requests and part PUTs are logged (<see cref="ScenarioTelemetry.LoggerCategory"/>).</summary>
    public ILogger Logger { get; }

    /// <summary>The client for signed part URLs: no default headers, no credentials.</summary>
    public HttpClient PartClient { get; }

    // idempotencyKey: sent as Idempotency-Key on every attempt, so that the service applies the request once.
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        var payload = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ScenarioJson.Options);
        var uri = new Uri(_settings.BaseUrl, path);
        using var trace = CallTrace.Request(Logger, method, uri, _settings.MaxRetries);
        for (var attempt = 0; ; attempt++)
        {
            var (status, text, retryAfter, failure) = await SendOnceAsync(method, uri, payload, idempotencyKey, trace, cancellationToken).ConfigureAwait(false);
            if (failure is null && (int)status is >= 200 and < 300)
            {
                return Deserialize<T>(text, uri);
            }
            // Built before deciding, because whether a 409 can succeed later depends on its problem code.
            var error = failure ?? ScenarioExceptionFactory.Create(status, text, retryAfter);
            var retryable = error is not ScenarioApiException api || RetryPolicy.IsRetryable(api);
            if (!retryable || attempt >= _settings.MaxRetries)
            {
                trace.Failed(error, retriesRanOut: retryable);
                throw error;
            }
            var delay = RetryPolicy.Delay(attempt, retryAfter);
            trace.Retrying(error, delay);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(HttpStatusCode Status, string Text, TimeSpan? RetryAfter, ScenarioException? Failure)> SendOnceAsync(
        HttpMethod method, Uri uri, byte[]? payload, string? idempotencyKey, CallTrace trace, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = _settings.Authorization;
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        SdkVersion.Stamp(request);
        if (payload is not null)
        {
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.ContentType = JsonMediaType;
        }
        // The per-attempt timeout lives here, not in HttpClient.Timeout: that one would also cut off part PUTs,
        // which share the client (an IHttpClientFactory client's 100 s default included).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.Timeout);
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            trace.Answered(request, (int)response.StatusCode, startedAt);
            return (response.StatusCode, text, RetryPolicy.ParseRetryAfter(response.Headers), null);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = new ScenarioTimeoutException($"{method} {uri} timed out after {_settings.Timeout.TotalSeconds:0.#} s.", ex);
            return (default, "", null, trace.NoAnswer(request, failure, startedAt));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var failure = new ScenarioConnectionException($"Could not reach the Scenario API at {_settings.BaseUrl}: {ex.Message}", ex);
            return (default, "", null, trace.NoAnswer(request, failure, startedAt));
        }
    }

    private static T Deserialize<T>(string text, Uri uri)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, ScenarioJson.Options)
                ?? throw new ScenarioException($"The response of {uri} was empty.");
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"The response of {uri} is not what this SDK expects: {ex.Message}", ex);
        }
    }

    public void Dispose()
    {
        if (_ownsClients)
        {
            _api.Dispose();
            PartClient.Dispose();
        }
    }
}
