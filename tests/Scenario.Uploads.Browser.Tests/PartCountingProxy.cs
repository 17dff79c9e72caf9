using Scenario.Testing;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>
/// A loopback reverse proxy in front of where the part bytes go (the service's own part URLs, through
/// <c>Uploads:PublicBaseUrl</c>; or the S3 store, through <c>Storage:S3:ServiceUrl</c>), so that the test
/// counts on the server side every part PUT the browser sends, on either backend. It keeps the Host header
/// (S3's signatures cover it) and can slow request bodies down, so that a person's pause or a reload lands
/// in the middle of an upload even on loopback. It also records every request it forwards with its answer,
/// preflights included, for the CORS checks of a page on another origin (<see cref="UppyTusTests"/>).
/// </summary>
public sealed partial class PartCountingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    { Timeout = Timeout.InfiniteTimeSpan };
    private readonly object _clock = new();
    private DateTime _nextFree = DateTime.UtcNow;

    private PartCountingProxy(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary>Where requests go, e.g. <c>http://127.0.0.1:7480</c>.</summary>
    public string Target { get; set; } = "";

    /// <summary>The request bodies' shared rate; 0 for no limit.</summary>
    public long BytesPerSecond { get; set; }

    /// <summary>Every part PUT that began, in order, with the status it ended with (0: cut off).</summary>
    public ConcurrentQueue<PartPut> Puts { get; } = new();

    /// <summary>Every request forwarded with its answer's status and headers, preflights included, in the order they were answered.</summary>
    public ConcurrentQueue<ProxiedExchange> Exchanges { get; } = new();

    private readonly ConcurrentDictionary<int, int> _faults = new();

    /// <summary>The next PUT of this part is answered <paramref name="status"/> with <c>Retry-After: 1</c>, as a busy store does.</summary>
    public void RefuseOnce(int partNumber, int status) => _faults[partNumber] = status;

    public static async Task<PartCountingProxy> StartAsync(int port, string target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new PartCountingProxy(app, port) { Target = target };
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    public IReadOnlyList<PartPut> PutsSince(int index) => Puts.Skip(index).ToList();

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        var number = HttpMethods.IsPut(request.Method) ? PartNumber(request) : null;
        PartPut? put = null;
        if (number is { } n)
        {
            put = new PartPut(n);
            Puts.Enqueue(put);
            if (_faults.TryRemove(n, out var refusal))
            {
                // The whole body is read first, so that the browser sees this answer rather than a broken pipe.
                await new ThrottledStream(request.Body, this).CopyToAsync(Stream.Null, context.RequestAborted);
                context.Response.StatusCode = refusal;
                context.Response.Headers.RetryAfter = "1";
                put.End(refusal);
                return;
            }
        }
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), Target + request.Path + request.QueryString);
        message.Headers.Host = request.Host.Value;
        // A body of 0 bytes is a body too: its Content-Length and Content-Type may be covered by an S3 signature.
        if (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(new ThrottledStream(request.Body, this), 64 * 1024);
            if (request.ContentLength is { } length)
            {
                message.Content.Headers.ContentLength = length;
            }
        }
        foreach (var header in request.Headers)
        {
            if (Skipped.Contains(header.Key))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }
            }
            // Recorded before the browser can see the answer, so a test that waited for the answer finds it here.
            Exchanges.Enqueue(new ProxiedExchange(request.Method, request.Path, (int)response.StatusCode,
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            put?.End((int)response.StatusCode);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException or BadHttpRequestException)
        {
            // The browser went away mid-part (a pause, a reload): the store got a cut-off body and kept nothing.
            put?.End(0);
            context.Abort();
        }
    }

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Expect", "Upgrade",
    };

    private static int? PartNumber(HttpRequest request)
    {
        if (request.Query.TryGetValue("partNumber", out var s3) && int.TryParse(s3, NumberStyles.None, CultureInfo.InvariantCulture, out var fromQuery))
        {
            return fromQuery;
        }
        var local = ServicePartPath().Match(request.Path.Value ?? "");
        return local.Success ? int.Parse(local.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex("^/v1/uploads/[^/]+/parts/([0-9]+)$")]
    private static partial Regex ServicePartPath();

    /// <summary>Waits so that every body together keeps to <see cref="BytesPerSecond"/>.</summary>
    private TimeSpan DelayFor(int bytes)
    {
        var rate = BytesPerSecond;
        if (rate <= 0)
        {
            return TimeSpan.Zero;
        }
        lock (_clock)
        {
            var now = DateTime.UtcNow;
            var start = _nextFree > now ? _nextFree : now;
            _nextFree = start + TimeSpan.FromSeconds((double)bytes / rate);
            return start - now;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private sealed class ThrottledStream(Stream inner, PartCountingProxy proxy) : ReadingStream(inner, ownsInner: false)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await Inner.ReadAsync(buffer[..Math.Min(buffer.Length, 64 * 1024)], cancellationToken);
            var wait = proxy.DelayFor(read);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
            return read;
        }
    }
}

/// <summary>One part PUT seen by the proxy.</summary>
public sealed class PartPut(int number)
{
    public int Number { get; } = number;

    /// <summary>The store's answer; 0 when cut off; null while in flight.</summary>
    public int? Status { get; private set; }

    public bool Stored => Status is >= 200 and < 300;

    public void End(int status) => Status = status;
}
