using Scenario.Testing.Api;
using Xunit;

namespace Scenario.Testing;

/// <summary>
/// One real service per test class, shared by its tests, with a driver for its API. A test class that needs
/// its own configuration derives from it and overrides <see cref="Options"/>.
/// </summary>
public class ServiceFixture : IAsyncLifetime
{
    private ServiceHost? _host;
    private UploadApi? _api;

    public ServiceHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public UploadApi Api => _api ?? throw new InvalidOperationException("Not started.");

    /// <summary>How the service starts: the test backend's defaults unless a derived fixture says otherwise.</summary>
    protected virtual ServiceHostOptions Options => new();

    public async ValueTask InitializeAsync()
    {
        _host = await ServiceHost.StartAsync(Options);
        _api = new UploadApi(_host);
    }

    public async ValueTask DisposeAsync()
    {
        _api?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
