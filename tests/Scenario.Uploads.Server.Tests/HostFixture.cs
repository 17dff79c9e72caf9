using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>One real service per test class, shared by its tests.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public ServiceHost Host { get; private set; } = null!;

    public UploadApi Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await ServiceHost.StartAsync();
        Api = new UploadApi(Host);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
    }
}
