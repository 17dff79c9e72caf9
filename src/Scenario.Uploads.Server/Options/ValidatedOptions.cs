using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.Options;

/// <summary>Registers a configuration section bound, validated on start, and known to <see cref="ConfigurationCheck"/>.</summary>
internal static class ValidatedOptions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class, new()
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSectionCheck<TOptions, TValidator>(section);
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>The validator and the start's check alone, for a section another registration binds (Storage:S3, by the store's).</summary>
    public static IServiceCollection AddSectionCheck<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class, new()
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddSingleton(new CheckedSection(section, provider => ConfigurationCheck.Collect<TOptions>(provider, section)));
    }
}
