using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Scenario.Testing;
using Scenario.Testing.Hubs;

namespace Scenario.Uploads.Server.Tests.OpenApi;

/// <summary>
/// A real service, clients that record every answer they get, and the service's own document, fetched from
/// it. <see cref="DriftFlows"/> runs the functional flows once through these clients; the tests then check
/// what was recorded.
/// </summary>
public sealed class DriftFixture : IAsyncLifetime
{
    private readonly List<HttpClient> _clients = [];

    public ConcurrentQueue<RecordedResponse> Recorded { get; } = new();

    public ServiceHost Host { get; private set; } = null!;

    public FileServerStandIn Files { get; private set; } = null!;

    public OpenApiContract Contract { get; private set; } = null!;

    /// <summary>With the main test key.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>With no credentials, as for signed URLs (or a caller who forgot them).</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>With a wrong secret.</summary>
    public HttpClient WrongSecret { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Files = await FileServerStandIn.StartAsync();
        Host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Imports:AllowPrivateNetworks"] = "true" },
        });
        Api = Client(Host.ApiKey, Host.ApiSecret);
        Anonymous = Client(null, null);
        WrongSecret = Client(Host.ApiKey, "not-the-secret");
        using var plain = ServiceHost.CreateAnonymousClient();
        Contract = new OpenApiContract(await plain.GetStringAsync(new Uri(Host.BaseUrl, "openapi/v1.json")));
        await new DriftFlows(this).RunAsync();
    }

    private HttpClient Client(string? apiKey, string? apiSecret)
    {
        var client = new HttpClient(new RecordingHandler(Host.BaseUrl, Recorded)) { BaseAddress = Host.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{apiKey}:{apiSecret}")));
        }
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await Host.DisposeAsync();
        await Files.DisposeAsync();
    }
}
