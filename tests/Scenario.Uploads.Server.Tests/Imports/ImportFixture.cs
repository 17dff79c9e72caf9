using Scenario.Testing;
using Scenario.Testing.Hubs;

namespace Scenario.Uploads.Server.Tests.Imports;

/// <summary>
/// The three stand-ins on loopback and two services pointed at them: one without hub tokens (as most
/// operators start) and one with them. Both may reach private networks, since every stand-in is on
/// 127.0.0.1; the SSRF tests use a service with the default policy instead.
/// </summary>
public sealed class ImportFixture : IAsyncLifetime
{
    public const long MaxDownloadSize = 4 * 1024 * 1024;

    public FileServerStandIn Files { get; private set; } = null!;

    public HuggingFaceStandIn HuggingFace { get; private set; } = null!;

    public CivitaiStandIn Civitai { get; private set; } = null!;

    public ServiceHost Host { get; private set; } = null!;

    public ServiceHost HostWithTokens { get; private set; } = null!;

    public UploadApi Api { get; private set; } = null!;

    public UploadApi ApiWithTokens { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Files = await FileServerStandIn.StartAsync();
        HuggingFace = await HuggingFaceStandIn.StartAsync();
        Civitai = await CivitaiStandIn.StartAsync();
        Host = await ServiceHost.StartAsync(new ServiceHostOptions { Settings = Settings(withTokens: false) });
        HostWithTokens = await ServiceHost.StartAsync(new ServiceHostOptions { Settings = Settings(withTokens: true) });
        Api = new UploadApi(Host);
        ApiWithTokens = new UploadApi(HostWithTokens);
    }

    private Dictionary<string, string> Settings(bool withTokens)
    {
        var settings = new Dictionary<string, string>
        {
            ["Imports:AllowPrivateNetworks"] = "true",
            ["Imports:MaxDownloadSize"] = MaxDownloadSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Imports:HuggingFace:Endpoint"] = HuggingFace.Origin,
            ["Imports:Civitai:Endpoint"] = Civitai.Origin,
            // One retry (after 2 s) for transient failures keeps the cut-download tests short.
            ["Jobs:MaxAttempts"] = "2",
        };
        if (withTokens)
        {
            settings["Imports:HuggingFace:Token"] = HuggingFaceStandIn.ValidToken;
            settings["Imports:Civitai:Token"] = CivitaiStandIn.ValidToken;
        }
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        ApiWithTokens.Dispose();
        await Host.DisposeAsync();
        await HostWithTokens.DisposeAsync();
        await Files.DisposeAsync();
        await HuggingFace.DisposeAsync();
        await Civitai.DisposeAsync();
    }
}
