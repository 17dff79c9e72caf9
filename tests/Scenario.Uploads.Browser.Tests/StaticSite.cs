using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Scenario.Testing;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>
/// A folder served over loopback on a port of its own: another site's page, whose origin is not the service's,
/// so that everything its script asks of the API crosses origins as it would from a real web app.
/// </summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticSite(WebApplication app, int port)
    {
        _app = app;
        Origin = $"http://127.0.0.1:{port}";
    }

    /// <summary><c>http://127.0.0.1:PORT</c>, as the browser sends it in <c>Origin</c>.</summary>
    public string Origin { get; }

    public static async Task<StaticSite> StartAsync(string folder)
    {
        if (!File.Exists(Path.Combine(folder, "index.html")))
        {
            throw new InvalidOperationException($"{folder} has no index.html: the test project's build makes it (needs Node.js and npm).");
        }
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        await app.StartAsync();
        return new StaticSite(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
