using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Scenario.Core;
using Scenario.Exceptions;

namespace Scenario.Transfers;

/// <summary>
/// GETs one range of the file from its signed URL, with no credentials, and hands the bytes to a writer as they
/// arrive. Retries network errors, 408, 429 and 5xx with backoff from the byte where the last attempt stopped,
/// and renews the URL once the store refuses it (403: expired).
/// </summary>
internal sealed class RangeFetcher(HttpClient client, DownloadLink link, DownloadTracker tracker, DownloadOptions options)
{
    /// <summary>Writes <c>bytes</c> at <c>offset</c> of the file.</summary>
    public delegate ValueTask Writer(ReadOnlyMemory<byte> bytes, long offset, CancellationToken cancellationToken);

    public async Task FetchAsync(long offset, long length, Writer write, CancellationToken cancellationToken)
    {
        var cursor = new Cursor(offset, offset + length);
        for (var attempt = 0; ; attempt++)
        {
            var url = link.Current;
            var (failure, retryAfter) = await GetOnceAsync(url.Url, cursor, write, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return;
            }
            var retryable = failure is ScenarioConnectionException || (failure is ScenarioApiException api && IsRetryable(api.StatusCode));
            if (!retryable || attempt >= options.ChunkRetries)
            {
                throw failure;
            }
            if (failure is PermissionDeniedException)
            {
                await link.RenewAsync(url, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(RetryPolicy.Delay(attempt, retryAfter), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // 403 is an expired (or re-keyed) signature, which a fresh URL fixes; 404 and 416 never get better.
    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private async Task<(ScenarioException? Failure, TimeSpan? RetryAfter)> GetOnceAsync(
        string url, Cursor cursor, Writer write, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(cursor.Position, cursor.End - 1);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.ChunkTimeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }
        var writing = false;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                var retryAfter = RetryPolicy.ParseRetryAfter(response.Headers);
                return (ScenarioExceptionFactory.Create(response.StatusCode, text, retryAfter), retryAfter);
            }
            if (RangeProblem(response, cursor) is { } problem)
            {
                return (new ScenarioException(problem), null);
            }
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var buffer = ArrayPool<byte>.Shared.Rent(options.BufferSize);
            try
            {
                while (cursor.Position < cursor.End)
                {
                    var wanted = (int)Math.Min(buffer.Length, cursor.End - cursor.Position);
                    var read = await body.ReadAsync(buffer.AsMemory(0, wanted), timeout.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (new ScenarioConnectionException($"The download of {link.Entity.Id} ended early, at byte {cursor.Position}."), null);
                    }
                    writing = true;
                    await write(buffer.AsMemory(0, read), cursor.Position, cancellationToken).ConfigureAwait(false);
                    writing = false;
                    cursor.Position += read;
                    tracker.Received(read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return (null, null);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (new ScenarioTimeoutException($"A range of {link.Entity.Id} did not arrive within {options.ChunkTimeout}.", ex), null);
        }
        // A failed write (disk full) is not the network's fault: it is thrown as it is, never retried.
        catch (Exception ex) when (ex is HttpRequestException or IOException && !writing && !cancellationToken.IsCancellationRequested)
        {
            return (new ScenarioConnectionException($"The download of {link.Entity.Id} broke off: {ex.Message}", ex), null);
        }
    }

    // A server that ignores Range answers 200 with the whole file: fine only when the whole file was asked for.
    private string? RangeProblem(HttpResponseMessage response, Cursor cursor)
    {
        var size = link.Entity.Size;
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            return cursor.Position == 0 && cursor.End == size
                ? null
                : $"The download URL of {link.Entity.Id} answered {(int)response.StatusCode} to a Range request: the server does not serve ranges.";
        }
        var range = response.Content.Headers.ContentRange;
        if (range?.From != cursor.Position || (range.Length is { } total && total != size))
        {
            return $"The download URL of {link.Entity.Id} answered Content-Range '{range}' for bytes {cursor.Position}-{cursor.End - 1} of {size}.";
        }
        return null;
    }

    /// <summary>Where a range has got to: a retry asks only for the rest.</summary>
    private sealed class Cursor(long position, long end)
    {
        public long Position { get; set; } = position;

        public long End { get; } = end;
    }
}
