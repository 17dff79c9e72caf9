using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.Options;

/// <summary>
/// Checks every section before anything starts. <c>ValidateOnStart</c> alone does not report them together:
/// the host builds its hosted services first, whose factories read options (and so validate one section, or
/// meet the binder's exception for an unparsable value) before the start-up validators run.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>
    /// The service built from <paramref name="args"/> with every section checked before anything starts; null,
    /// with one line per bad value in <paramref name="problems"/>, when the configuration is bad.
    /// </summary>
    public static WebApplication? BuildChecked(string[] args, out IReadOnlyList<string> problems)
    {
        WebApplication app;
        try
        {
            app = ServerApp.Build(args);
        }
        catch (Exception e) when (ConfigurationErrors.TryDescribe(e, out var lines))
        {
            problems = AllOrThese(args, lines);
            return null;
        }
        problems = Collect(app.Services);
        if (problems.Count == 0)
        {
            return app;
        }
        ((IDisposable)app).Dispose();
        return null;
    }

    /// <summary>
    /// Building the host failed already, because something read one section's options on the way (the host
    /// reads HostOptions, say, configured from Uploads:ShutdownTimeout), which reports only that section: the
    /// same check on the service's registrations without a host names every bad value.
    /// </summary>
    private static IReadOnlyList<string> AllOrThese(string[] args, IReadOnlyList<string> lines)
    {
        try
        {
            using var provider = ServerApp.CreateBuilder(args).Services.BuildServiceProvider();
            return Collect(provider) is { Count: > 0 } all ? all : lines;
        }
        catch (Exception e) when (ConfigurationErrors.TryDescribe(e, out _))
        {
            return lines;
        }
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
