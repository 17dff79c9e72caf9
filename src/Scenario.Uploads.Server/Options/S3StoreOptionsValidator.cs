using Microsoft.Extensions.Options;
using Scenario.Uploads.Storage.S3;

namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Storage:S3</c> section, checked at start when <c>Storage:Provider</c> is S3.</summary>
internal sealed class S3StoreOptionsValidator(IConfiguration configuration) : IValidateOptions<S3StoreOptions>
{
    private static readonly S3StoreOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, S3StoreOptions options)
    {
        const string s = S3StoreOptions.Section;
        var rules = new ConfigurationRules(configuration);
        rules.Required($"{s}:Bucket", options.Bucket, "a bucket name such as uploads when Storage:Provider is S3");
        rules.HttpUrl($"{s}:ServiceUrl", options.ServiceUrl, required: false, "http://127.0.0.1:9000 (or nothing for AWS itself)");
        rules.OneOf($"{s}:ChecksumMode", options.ChecksumMode, "WhenRequired", "WhenSupported");
        rules.WholeNumber($"{s}:ReadChunkSize", options.ReadChunkSize, S3StoreOptions.MinReadChunkSize, S3StoreOptions.MaxReadChunkSize,
            Defaults.ReadChunkSize, " of bytes");
        rules.Duration($"{s}:Timeout", options.Timeout, Defaults.Timeout, TimeSpan.FromMinutes(10));
        rules.WholeNumber($"{s}:MaxRetries", options.MaxRetries, 0, 10, Defaults.MaxRetries);
        return rules.Result();
    }
}
