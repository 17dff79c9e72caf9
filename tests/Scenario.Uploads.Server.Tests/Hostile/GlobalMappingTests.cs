using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scenario.Testing;
using Scenario.Uploads.Server.Http;

namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>
/// The global exception handler's mapping: a body Kestrel breaks off (an overflowing chunk size, broken
/// framing, over the limit) is its 4xx problem on an endpoint that does not catch it, never a 500.
/// </summary>
public sealed class GlobalMappingTests : IAsyncLifetime
{
    private const string Path = "/test/uncaught-body";
    private readonly string _directory = TempDirectory.Create();
    private readonly int _port = FreePort.Next();
    private WebApplication? _app;

    private Uri BaseUrl => new($"http://127.0.0.1:{_port}/");

    public async ValueTask InitializeAsync()
    {
        var settings = await TestBackend.CreateSettingsAsync();
        _app = ServerApp.Build([.. ServiceHost.Arguments(_directory, _port, settings)],
            builder => builder.Services.AddSingleton<IStartupFilter, UncaughtBodyReader>());
        await _app.StartAsync();
    }

    [Fact]
    public async Task An_overflowing_chunk_size_is_a_400_problem()
    {
        var answer = await RawHttp.SendAsync(BaseUrl, RawHttp.BrokenChunked("POST", Path, [], "FFFFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n"));

        HostileAssert.IsProblem(answer, 400, "bad_request");
        Assert.Contains("Bad chunk size data", answer.Problem()!.Detail);
    }

    [Fact]
    public async Task A_chunk_size_that_is_not_hexadecimal_is_a_400_problem()
    {
        var answer = await RawHttp.SendAsync(BaseUrl, RawHttp.BrokenChunked("POST", Path, [], "5\r\nhello\r\nzz\r\n"));

        HostileAssert.IsProblem(answer, 400, "bad_request");
    }

    [Fact]
    public async Task A_body_over_Kestrels_limit_is_a_413_problem()
    {
        var body = Encoding.ASCII.GetBytes(new string('x', 2 * 1024 * 1024));

        var answer = await RawHttp.SendAsync(BaseUrl, RawHttp.Chunked("POST", Path, [], body));

        HostileAssert.IsProblem(answer, 413, "body_too_large");
    }

    [Fact]
    public void An_overflow_of_our_own_stays_a_server_error()
    {
        Exception ours;
        try
        {
            checked
            {
                var big = int.MaxValue;
                _ = big + int.Parse("1", System.Globalization.CultureInfo.InvariantCulture);
            }
            throw new InvalidOperationException("no overflow");
        }
        catch (OverflowException e)
        {
            ours = new IOException("ours", e);
        }

        Assert.Null(ClientRequestErrors.StatusOf(ours));
        Assert.Null(ClientRequestErrors.StatusOf(new InvalidOperationException("Cannot read invalid UTF-16 JSON text as string.")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        TempDirectory.TryDelete(_directory);
    }

    /// <summary>Reads the whole body without catching anything, after the service's own endpoints: only the exception handler stands between it and a 500.</summary>
    private sealed class UncaughtBodyReader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(Path, branch => branch.Run(async context =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }));
        };
    }
}
