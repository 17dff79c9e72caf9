using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Scenario.Core;
using Scenario.Exceptions;
using Scenario.Telemetry;

namespace Scenario.Transfers;

/// <summary>
/// PUTs one part to its signed URL, streamed from the source, with no credentials; retries
/// network errors, 408, 429 and 5xx with backoff, and re-signs the URL once the service refuses it (403).
/// </summary>
internal sealed class PartSender
{
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");
    private readonly HttpClient _client;
    private readonly IPartSource _source;
    private readonly PartUrls _urls;
    private readonly ProgressTracker _tracker;
    private readonly UploadFileOptions _options;
    private readonly ILogger _logger;

    public PartSender(HttpClient client, IPartSource source, PartUrls urls, ProgressTracker tracker, UploadFileOptions options, ILogger logger)
    {
        (_client, _source, _urls, _tracker, _options, _logger) = (client, source, urls, tracker, options, logger);
    }

    public async Task SendAsync(int number, long offset, long size, CancellationToken cancellationToken)
    {
        using var trace = CallTrace.Part(_logger, _urls.UploadId, number, size, _options.PartRetries);
        var refused = false;
        for (var attempt = 0; ; attempt++)
        {
            var url = await _urls.GetAsync(number, refused, cancellationToken).ConfigureAwait(false);
            var (failure, retryAfter) = await PutOnceAsync(number, url, offset, size, trace, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return;
            }
            _tracker.PartFailed(number);
            var retryable = failure is not ScenarioApiException api || IsRetryable(api.StatusCode);
            if (!retryable || attempt >= _options.PartRetries)
            {
                trace.Failed(failure, retriesRanOut: retryable);
                throw failure;
            }
            refused = failure is PermissionDeniedException;
            var delay = refused ? TimeSpan.Zero : RetryPolicy.Delay(attempt, retryAfter);
            trace.Retrying(failure, delay);
            if (!refused)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // 403 means the signature expired or was refused: a fresh URL fixes it. 409 (already completed) and 400 never get better.
    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private async Task<(ScenarioException? Failure, TimeSpan? RetryAfter)> PutOnceAsync(
        int number, string url, long offset, long size, CallTrace trace, CancellationToken cancellationToken)
    {
        using var body = new PartReadStream(_source, offset, size, PartDigest.For(url), read => _tracker.Read(number, read));
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StreamContent(body, _options.BufferSize) };
        request.Content.Headers.ContentLength = size;
        request.Content.Headers.ContentType = OctetStream;
        SdkVersion.Stamp(request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.PartTimeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            trace.Answered(request, (int)response.StatusCode, startedAt);
            if (!response.IsSuccessStatusCode)
            {
                var retryAfter = RetryPolicy.ParseRetryAfter(response.Headers);
                return (ScenarioExceptionFactory.Create(response.StatusCode, text, retryAfter), retryAfter);
            }
            var etag = response.Headers.ETag?.Tag.Trim('"');
            if (body.Digest.Contradicts(etag))
            {
                return (new ScenarioConnectionException($"Part {number} arrived corrupted (ETag {etag}, sent digest {body.Digest.Hex})."), null);
            }
            _tracker.PartDone(number, size);
            return (null, null);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (trace.NoAnswer(request, new ScenarioTimeoutException($"Part {number} did not finish within {_options.PartTimeout}.", ex), startedAt), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (trace.NoAnswer(request, new ScenarioConnectionException($"Part {number} upload failed: {ex.Message}", ex), startedAt), null);
        }
    }
}
