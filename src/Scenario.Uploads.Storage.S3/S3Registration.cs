using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Backends;

namespace Scenario.Uploads.Storage.S3;

/// <summary>An S3-compatible store as the blob store of the service: parts go straight from clients to the store.</summary>
public static class S3Registration
{
    /// <summary>
    /// Registers the store, its client and its URL signers, its options bound from <paramref name="section"/>
    /// and checked on start by the validators the host adds to the returned builder; the bucket is created
    /// on start when <see cref="S3StoreOptions.CreateBucket"/> says so.
    /// </summary>
    public static OptionsBuilder<S3StoreOptions> AddS3BlobStore(this IServiceCollection services, string section = S3StoreOptions.Section)
    {
        var options = services.AddOptions<S3StoreOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton(sp => S3ClientFactory.Create(Options(sp)));
        services.AddSingleton(sp => new S3BlobStore(sp.GetRequiredService<IAmazonS3>(), Options(sp)));
        services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<S3BlobStore>());
        services.AddSingleton<IBackendFaultClassifier, S3Faults>();
        services.AddSingleton(sp => new S3UrlSigner(sp.GetRequiredService<IAmazonS3>(), Options(sp)));
        services.AddSingleton<IPartUrlSigner>(sp => sp.GetRequiredService<S3UrlSigner>());
        services.AddSingleton<IDownloadUrlSigner>(sp => sp.GetRequiredService<S3UrlSigner>());
        // Before the host's own hosted services when it calls this first, so the bucket exists before anything serves.
        services.AddHostedService<BucketInitializer>();
        return options;
    }

    private static S3StoreOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<S3StoreOptions>>().Value;

    /// <summary>Creates the bucket on start when <c>CreateBucket</c> says so (<see cref="S3BlobStore.EnsureBucketAsync"/>).</summary>
    private sealed class BucketInitializer(S3BlobStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.EnsureBucketAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
