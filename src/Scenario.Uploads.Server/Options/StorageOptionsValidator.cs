using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Storage</c> section, checked at start; <c>Storage:S3</c> has its own validator.</summary>
internal sealed class StorageOptionsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public const string Local = "Local";
    public const string S3 = "S3";

    private const long MaxReservedSpace = 1L << 40;
    private static readonly StorageOptions Defaults = new();

    public static bool IsS3(StorageOptions options) => string.Equals(options.Provider, S3, StringComparison.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var rules = new ConfigurationRules(configuration);
        rules.OneOf($"{StorageOptions.Section}:Provider", options.Provider, Local, S3);
        rules.WholeNumber($"{StorageOptions.Section}:ReservedSpace", options.ReservedSpace, 0, MaxReservedSpace, Defaults.ReservedSpace, " of bytes");
        return rules.Result();
    }
}
