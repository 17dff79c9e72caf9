using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Services;
using Scenario.Uploads.Storage;
using Scenario.Uploads.Storage.S3;

namespace Scenario.Uploads.Server;

/// <summary><c>Storage:Provider</c>: local disk (parts through the service) or S3 (parts straight to the store).</summary>
public static class StorageRegistration
{
    public static void AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        // An unknown provider gets the local store's services, which never run: StorageOptionsValidator stops
        // the start first, with the other bad values, instead of an exception here that hides them.
        var provider = configuration[$"{StorageOptions.Section}:Provider"] ?? StorageOptionsValidator.Local;
        if (string.Equals(provider, StorageOptionsValidator.S3, StringComparison.OrdinalIgnoreCase))
        {
            AddS3(services);
        }
        else
        {
            services.AddSingleton<IBlobStore>(sp =>
                new LocalDiskBlobStore(Path.Combine(sp.GetRequiredService<IOptions<UploadsOptions>>().Value.DataDirectory, "blobs")));
            services.AddSingleton<IPartUrlSigner>(sp => sp.GetRequiredService<UrlSigner>());
            services.AddSingleton<IDownloadUrlSigner>(sp => sp.GetRequiredService<UrlSigner>());
        }
    }

    private static void AddS3(IServiceCollection services)
    {
        services.AddValidatedOptions<S3StoreOptions, S3StoreOptionsValidator>(S3StoreOptions.Section);
        services.AddSingleton(sp => S3ClientFactory.Create(sp.GetRequiredService<IOptions<S3StoreOptions>>().Value));
        services.AddSingleton(sp => new S3BlobStore(sp.GetRequiredService<Amazon.S3.IAmazonS3>(), sp.GetRequiredService<IOptions<S3StoreOptions>>().Value));
        services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<S3BlobStore>());
        services.AddSingleton(sp => new S3UrlSigner(sp.GetRequiredService<Amazon.S3.IAmazonS3>(), sp.GetRequiredService<IOptions<S3StoreOptions>>().Value));
        services.AddSingleton<IPartUrlSigner>(sp => sp.GetRequiredService<S3UrlSigner>());
        services.AddSingleton<IDownloadUrlSigner>(sp => sp.GetRequiredService<S3UrlSigner>());
        // Registered before the other hosted services, so the bucket exists before anything serves.
        services.AddHostedService<BucketInitializer>();
    }
}

/// <summary>Creates the bucket on start when <c>Storage:S3:CreateBucket</c> says so.</summary>
public sealed class BucketInitializer(S3BlobStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureBucketAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
