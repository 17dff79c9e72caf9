using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Scenario.Testing.Hubs;

/// <summary>
/// A small Kestrel app on 127.0.0.1 standing in for a remote server the tests cannot reach. The same
/// server answers as <c>localhost</c> too, which a client treats as another host: that is how the
/// cross-host redirects of the hubs (to their CDN or storage) are reproduced.
/// </summary>
public sealed class StandInServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>, no trailing slash, as hub endpoints are configured.</summary>
    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary><c>http://localhost:PORT</c>: the same server under another host name.</summary>
    public string OtherHostOrigin => $"http://localhost:{Port}";

    /// <summary>Every request received: host, path and Authorization header.</summary>
    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public static async Task<StandInServer> StartAsync(Action<WebApplication, StandInServer> map)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new StandInServer(app, port);
        app.Use(async (context, next) =>
        {
            server.Requests.Enqueue(new SeenRequest(context.Request.Host.Host, context.Request.Path, context.Request.Headers.Authorization.ToString()));
            await next(context);
        });
        map(app, server);
        await app.StartAsync();
        return server;
    }

    /// <summary>Sends <paramref name="bytes"/>, or with <paramref name="cutAt"/> announces them all and closes the connection after that many.</summary>
    public static async Task SendAsync(HttpContext context, byte[] bytes, string contentType = "application/octet-stream", int? cutAt = null, bool announceLength = true)
    {
        context.Response.ContentType = contentType;
        if (announceLength)
        {
            context.Response.ContentLength = bytes.Length;
        }
        if (cutAt is { } cut)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, cut));
            await context.Response.Body.FlushAsync();
            // Let the client read what was sent: an immediate reset can make the kernel drop it unread.
            await Task.Delay(300);
            context.Abort();
            return;
        }
        await context.Response.Body.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A request a stand-in received.</summary>
public sealed record SeenRequest(string Host, string Path, string Authorization);
