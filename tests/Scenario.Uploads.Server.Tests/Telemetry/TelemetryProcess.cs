using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Telemetry;

/// <summary>
/// The service as its own process with JSON logs and the request log on: its metrics count only what its
/// tests do (an in-process host shares its meters with every other host of the test run), and its stdout is
/// what an operator's log shipper reads.
/// </summary>
public sealed class TelemetryProcess : IAsyncLifetime
{
    private string _dataDirectory = "";

    public ServiceProcess Service { get; private set; } = null!;

    public UploadApi Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _dataDirectory = TempDirectory.Create();
        var settings = await TestBackend.CreateSettingsAsync();
        settings["Logging:Format"] = "json";
        settings["Logging:LogLevel:Scenario.Uploads.Requests"] = "Information";
        Service = await ServiceProcess.StartAsync(_dataDirectory, FreePort.Next(), settings);
        Api = new UploadApi(Service);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Service.DisposeAsync();
        TempDirectory.TryDelete(_dataDirectory);
    }
}
