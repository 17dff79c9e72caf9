using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;
using Scenario.Uploads.Storage;
using Scenario.Uploads.Storage.S3;

namespace Scenario.Uploads.Server;

/// <summary>The <c>Storage</c> section. <c>Storage:Provider</c>: local disk (parts through the service) or S3 (parts straight to the store).</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);
        // An unknown provider gets the local store's services, which never run: StorageOptionsValidator stops
        // the start first, with the other bad values, instead of an exception here that hides them.
        var provider = configuration[$"{StorageOptions.Section}:Provider"] ?? StorageOptionsValidator.Local;
        if (string.Equals(provider, StorageOptionsValidator.S3, StringComparison.OrdinalIgnoreCase))
        {
            services.AddS3BlobStore(S3StoreOptions.Section);
            // Storage:S3 is checked, with the other sections, only when it is the store. AddValidatedOptions
            // would bind the section a second time: the store's registration binds it.
            services.AddSectionCheck<S3StoreOptions, S3StoreOptionsValidator>(S3StoreOptions.Section);
        }
        else
        {
            services.AddLocalBlobStore();
        }
        return services;
    }

    /// <summary>
    /// The data directory's <c>blobs</c> folder as the blob store; the service itself signs the part and
    /// download URLs, since its own endpoints serve them. Here and not in Core: the signer is the server's.
    /// </summary>
    public static IServiceCollection AddLocalBlobStore(this IServiceCollection services)
    {
        services.AddSingleton<IBlobStore>(sp =>
            new LocalDiskBlobStore(Path.Combine(sp.GetRequiredService<IOptions<UploadsOptions>>().Value.DataDirectory, "blobs"), sp.GetRequiredService<DiskReserve>()));
        services.AddSingleton<IPartUrlSigner>(sp => sp.GetRequiredService<UrlSigner>());
        services.AddSingleton<IDownloadUrlSigner>(sp => sp.GetRequiredService<UrlSigner>());
        return services;
    }
}
