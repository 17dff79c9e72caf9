using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Imports</c> section, checked at start rather than at the first import that needs the value.</summary>
internal sealed class ImportsOptionsValidator(IConfiguration configuration) : IValidateOptions<ImportsOptions>
{
    private static readonly ImportsOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, ImportsOptions options)
    {
        const string s = ImportsOptions.Section;
        var rules = new ConfigurationRules(configuration);
        if (options.MaxDownloadSize is { } size)
        {
            rules.WholeNumber($"{s}:MaxDownloadSize", size, 1, null, 1L << 40, " of bytes");
        }
        rules.Duration($"{s}:DownloadTimeout", options.DownloadTimeout, Defaults.DownloadTimeout, ConfigurationRules.LongestInterval);
        rules.WholeNumber($"{s}:MaxRedirects", options.MaxRedirects, 0, 50, Defaults.MaxRedirects);
        rules.HttpUrl($"{s}:HuggingFace:Endpoint", options.HuggingFace.Endpoint, required: true, Defaults.HuggingFace.Endpoint);
        rules.HttpUrl($"{s}:Civitai:Endpoint", options.Civitai.Endpoint, required: true, Defaults.Civitai.Endpoint);
        return rules.Result();
    }
}
