using Scenario.Testing;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>
/// The service with a <see cref="PartCountingProxy"/> in front of wherever its part URLs point: its own
/// part endpoint on local storage, the S3 store on S3.
/// </summary>
public sealed class CountedHost : IAsyncDisposable
{
    private CountedHost(ServiceHost host, PartCountingProxy proxy)
    {
        Host = host;
        Proxy = proxy;
    }

    public ServiceHost Host { get; }

    public PartCountingProxy Proxy { get; }

    public static async Task<CountedHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var servicePort = FreePort.Next();
        var target = TestBackend.IsPostgresS3 ? TestBackend.S3Endpoint!.TrimEnd('/') : $"http://127.0.0.1:{servicePort}";
        var proxy = await PartCountingProxy.StartAsync(FreePort.Next(), target);
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        // On S3 the service itself talks to the store through the proxy too; only part PUTs are counted.
        all[TestBackend.IsPostgresS3 ? "Storage:S3:ServiceUrl" : "Uploads:PublicBaseUrl"] = proxy.Origin;
        var host = await ServiceHost.StartAsync(new ServiceHostOptions { Port = servicePort, Settings = all });
        return new CountedHost(host, proxy);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
