using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.Options;

/// <summary>
/// Checks every section before anything starts. <c>ValidateOnStart</c> alone does not report them together:
/// the host builds its hosted services first, whose factories read options (and so validate one section, or
/// meet the binder's exception for an unparsable value) before the start-up validators run.
/// </summary>
public static class ConfigurationCheck
{
    /// <exception cref="ConfigurationException">One line per bad value.</exception>
    public static void ThrowIfInvalid(IServiceProvider services)
    {
        var lines = Collect(services);
        if (lines.Count > 0)
        {
            throw new ConfigurationException(lines);
        }
    }

    /// <summary>
    /// The same check on the service's configuration and options, without building a host: for when building
    /// it failed already, because something read one section's options on the way (the host reads HostOptions,
    /// say, configured from Uploads:ShutdownTimeout), which reports only that section.
    /// </summary>
    public static IReadOnlyList<string> CollectWithoutHost(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddUploadsService(builder.Configuration);
        using var provider = builder.Services.BuildServiceProvider();
        return Collect(provider);
    }

    private static List<string> Collect(IServiceProvider services) =>
        [.. services.GetServices<CheckedSection>().SelectMany(s => s.Collect(services)).Distinct()];

    internal static IReadOnlyList<string> Collect<TOptions>(IServiceProvider services, string section)
        where TOptions : class, new()
    {
        try
        {
            services.GetRequiredService<IOptionsFactory<TOptions>>().Create(Microsoft.Extensions.Options.Options.DefaultName);
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures.Select(ConfigurationErrors.AsLine)];
        }
        catch (InvalidOperationException e) when (ConfigurationErrors.IsBinderError(e))
        {
            return CollectAroundUnparsable<TOptions>(services, section, e);
        }
    }

    // The binder stops at the first value it cannot convert: name every such value, then check the rest
    // of the section as if those were unset, so this start reports everything wrong with it.
    private static IReadOnlyList<string> CollectAroundUnparsable<TOptions>(IServiceProvider services, string section, InvalidOperationException error)
        where TOptions : class, new()
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var unparsable = ConfigurationSyntax.FindUnparsable(configuration.GetSection(section), section, typeof(TOptions), new TOptions());
        if (unparsable.Count == 0)
        {
            return [ConfigurationErrors.DescribeBinderError(error)];
        }
        var skipped = unparsable.Select(u => u.Path).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var parsable = new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.GetSection(section).AsEnumerable().Where(kv => !skipped.Contains(kv.Key)))
            .Build();
        var options = new TOptions();
        parsable.GetSection(section).Bind(options);
        var lines = unparsable.Select(u => u.Line).ToList();
        foreach (var validator in services.GetServices<IValidateOptions<TOptions>>())
        {
            var result = validator.Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
            if (result.Failed)
            {
                lines.AddRange(result.Failures.Select(ConfigurationErrors.AsLine));
            }
        }
        return lines;
    }
}
