using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Scenario.Uploads.Server;

namespace Scenario.Testing;

/// <summary>
/// The real service, started in this process on 127.0.0.1 with a real SQLite file and real files on
/// disk, or a fresh PostgreSQL database and S3 bucket (<see cref="TestBackend"/>). It can be stopped and
/// started again on the same port, data directory and backend.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly ServiceHostOptions _options;
    private readonly bool _ownsDirectory;
    private WebApplication? _app;

    private ServiceHost(ServiceHostOptions options, string dataDirectory, int port, bool ownsDirectory)
    {
        _options = options;
        DataDirectory = dataDirectory;
        Port = port;
        _ownsDirectory = ownsDirectory;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c></summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary><c>http://127.0.0.1:PORT/v1</c>, what SDK users set as SCENARIO_BASE_URL.</summary>
    public string ApiBaseUrl => $"http://127.0.0.1:{Port}/v1";

    public string ApiKey => TestKeys.ApiKey;

    public string ApiSecret => TestKeys.ApiSecret;

    /// <summary>The configuration the host runs with, backend included; give it to a second instance to share the backend.</summary>
    public IReadOnlyDictionary<string, string> Settings => _options.Settings;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The host is stopped.");

    public static async Task<ServiceHost> StartAsync(ServiceHostOptions? options = null)
    {
        options ??= new ServiceHostOptions();
        // The test's own settings win over the backend's (a test may pin its own database, say).
        var backend = await TestBackend.CreateSettingsAsync();
        foreach (var setting in options.Settings)
        {
            backend[setting.Key] = setting.Value;
        }
        options = options with { Settings = backend };
        var ownsDirectory = options.DataDirectory is null;
        var directory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "scenario-tests", Guid.NewGuid().ToString("N"));
        var host = new ServiceHost(options, directory, options.Port == 0 ? FreePort.Next() : options.Port, ownsDirectory);
        await host.StartAgainAsync();
        return host;
    }

    /// <summary>The command-line arguments that configure a host like this one (also used for child processes).</summary>
    public static List<string> Arguments(string dataDirectory, int port, IReadOnlyDictionary<string, string> settings, bool withTestKeys = true)
    {
        var args = new List<string> { "--urls", $"http://127.0.0.1:{port}", $"--Uploads:DataDirectory={dataDirectory}" };
        var keys = withTestKeys ? TestKeys.Settings() : TestKeys.Settings().Where(s => !s.Key.StartsWith("Auth:", StringComparison.Ordinal));
        args.AddRange(keys.Concat(settings).Select(s => $"--{s.Key}={s.Value}"));
        return args;
    }

    public async Task StartAgainAsync()
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The host is running.");
        }
        var app = ServerApp.Build([.. Arguments(DataDirectory, Port, _options.Settings)]);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops gracefully, as on a deploy; the data directory stays.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAgainAsync();
    }

    /// <summary>A client for the API, authenticated as the given key (the main test key by default).</summary>
    public HttpClient CreateClient(string? apiKey = null, string? apiSecret = null) =>
        CreateClient(BaseUrl, apiKey ?? ApiKey, apiSecret ?? ApiSecret);

    /// <summary>A client for any service on loopback (a child process, say), with HTTP Basic credentials.</summary>
    public static HttpClient CreateClient(Uri baseUrl, string apiKey, string apiSecret)
    {
        var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{apiKey}:{apiSecret}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return client;
    }

    /// <summary>A client with no credentials, as a browser PUTting to a signed URL.</summary>
    public static HttpClient CreateAnonymousClient() => new() { Timeout = TimeSpan.FromMinutes(5) };

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsDirectory)
        {
            TempDirectory.TryDelete(DataDirectory);
        }
    }
}
