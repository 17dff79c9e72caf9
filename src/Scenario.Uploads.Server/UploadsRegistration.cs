using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Endpoints;
using Scenario.Uploads.Server.Lifecycle;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;
using Scenario.Uploads.Server.Wire;

namespace Scenario.Uploads.Server;

/// <summary>The <c>Uploads</c> section and the uploads themselves: create, actions, bytes, signed URLs, presentation.</summary>
public static class UploadsRegistration
{
    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        services.AddValidatedOptions<UploadsOptions, UploadsOptionsValidator>(UploadsOptions.Section)
            .PostConfigure(o => o.DataDirectory = DataDirectory.Absolute(o.DataDirectory));
        // On SIGTERM, parts in flight get this long to finish before the process stops (Uploads:ShutdownTimeout).
        services.AddOptions<HostOptions>().Configure<IOptions<UploadsOptions>>(
            (host, uploads) => host.ShutdownTimeout = uploads.Value.ShutdownTimeout);
        services.AddSingleton<UrlSigner>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<PartInventory>();
        services.AddSingleton<UploadPresenter>();
        services.AddSingleton<DownloadLinks>();
        services.AddSingleton<StorageSpace>();
        services.AddSingleton<IdempotentCreates>();
        services.AddSingleton<UploadCreation>();
        services.AddSingleton<UploadActions>();
        services.AddSingleton<UploadTransitions>();
        services.AddSingleton<UploadBytes>();
        return services;
    }
}
