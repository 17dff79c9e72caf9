using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Storage.S3;

namespace Scenario.Uploads.Server.Operator;

/// <summary>
/// Where the service keeps everything, printed once at start (to the console, as the first API key is), so
/// an operator sees which folder, database and bucket this process uses before trusting it with bytes.
/// </summary>
internal static class StartupBanner
{
    public static string Text(UploadsOptions uploads, DatabaseOptions database, StorageOptions storage, Func<S3StoreOptions> s3, string telemetry) =>
        $"""

        Scenario Uploads
            data directory  {uploads.DataDirectory}
            database        {ConfiguredDatabase.Describe(database, uploads)}
            storage         {DescribeStorage(uploads, storage, s3)}
            telemetry       {telemetry}

        """;

    private static string DescribeStorage(UploadsOptions uploads, StorageOptions storage, Func<S3StoreOptions> s3)
    {
        if (!StorageOptionsValidator.IsS3(storage))
        {
            return $"{StorageOptionsValidator.Local}, {Path.Combine(uploads.DataDirectory, "blobs")}";
        }
        var options = s3();
        var endpoint = string.IsNullOrWhiteSpace(options.ServiceUrl) ? $"AWS region {options.Region}" : options.ServiceUrl;
        return $"{StorageOptionsValidator.S3}, bucket {options.Bucket} at {endpoint}";
    }
}
