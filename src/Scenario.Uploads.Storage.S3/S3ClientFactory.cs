using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Scenario.Uploads.Storage.S3;

/// <summary>Builds the one S3 client of a process from the options.</summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create(S3StoreOptions options)
    {
        var checksums = string.Equals(options.ChecksumMode, "WhenSupported", StringComparison.OrdinalIgnoreCase);
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = checksums ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = checksums ? ResponseChecksumValidation.WHEN_SUPPORTED : ResponseChecksumValidation.WHEN_REQUIRED,
            // Bounded: a hung store answers the service's request with a 503 within Timeout × (MaxRetries + 1),
            // instead of keeping its client waiting on the SDK's 100 s and four tries.
            Timeout = options.Timeout,
            MaxErrorRetry = options.MaxRetries,
            HttpClientFactory = new StoreTransport(),
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            // With a ServiceURL the region only enters the signature; it must still be the store's.
            config.AuthenticationRegion = options.Region;
            config.UseHttp = options.ServiceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
        }
        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
