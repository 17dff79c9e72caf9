using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Scenario.Testing.Hubs;

/// <summary>
/// A plain web server for URL imports: files by path, error statuses, redirects (to anywhere, and in
/// chains), a download cut off half-way, a file named only by Content-Disposition, a body with no
/// length, and a server that fails once before it works.
/// </summary>
public sealed class FileServerStandIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _files = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    private FileServerStandIn(StandInServer server) => Server = server;

    public StandInServer Server { get; }

    public string Origin => Server.Origin;

    public static async Task<FileServerStandIn> StartAsync()
    {
        FileServerStandIn? standIn = null;
        var server = await StandInServer.StartAsync((app, _) => Map(app, () => standIn!));
        standIn = new FileServerStandIn(server);
        return standIn;
    }

    /// <summary>Serves <paramref name="bytes"/> at <c>/files/{name}</c>; returns that URL.</summary>
    public string Add(string name, byte[] bytes, string contentType = "application/octet-stream")
    {
        _files[Uri.UnescapeDataString(name)] = (bytes, contentType);
        return $"{Origin}/files/{name}";
    }

    private static void Map(WebApplication app, Func<FileServerStandIn> self)
    {
        app.MapGet("/files/{**name}", (string name, HttpContext context) => Serve(self(), name, context));
        app.MapGet("/no-length/{**name}", (string name, HttpContext context) =>
            self()._files.TryGetValue(name, out var f) ? StandInServer.SendAsync(context, f.Bytes, f.ContentType, announceLength: false) : NotFound(context));
        app.MapGet("/cut/{**name}", (string name, HttpContext context) =>
            self()._files.TryGetValue(name, out var f) ? StandInServer.SendAsync(context, f.Bytes, f.ContentType, cutAt: f.Bytes.Length / 2) : NotFound(context));
        app.MapGet("/download", (string file, HttpContext context) =>
        {
            // The path says nothing; the name is in Content-Disposition, as download endpoints do.
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"../../{file}\"";
            return Serve(self(), file, context);
        });
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        app.MapGet("/redirect", (string to, int? code) => Redirect(to, code ?? 302));
        app.MapGet("/hops/{count:int}/{**name}", (int count, string name) =>
            count == 0 ? Redirect($"/files/{name}", 302) : Redirect($"/hops/{count - 1}/{name}", 302));
        app.MapGet("/flaky/{**name}", (string name, HttpContext context) =>
        {
            if (self()._attempts.AddOrUpdate(name, 1, (_, n) => n + 1) == 1)
            {
                context.Response.StatusCode = 503;
                return Task.CompletedTask;
            }
            return Serve(self(), name, context);
        });
    }

    private static IResult Redirect(string to, int code) => new RedirectResult(to, code);

    private static Task Serve(FileServerStandIn self, string name, HttpContext context) =>
        self._files.TryGetValue(name, out var file) ? StandInServer.SendAsync(context, file.Bytes, file.ContentType) : NotFound(context);

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private sealed class RedirectResult(string location, int code) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = code;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
