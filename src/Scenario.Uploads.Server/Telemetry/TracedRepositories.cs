using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Telemetry;

/// <summary>Puts <see cref="TracedRepository{T}"/> around each repository the database registration added.</summary>
internal static class TracedRepositories
{
    public static void Decorate(IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"];
        var system = string.Equals(provider, DatabaseOptionsValidator.Postgres, StringComparison.OrdinalIgnoreCase) ? "postgresql" : "sqlite";
        Decorate<IUploadRepository>(services, system);
        Decorate<IJobQueue>(services, system);
        Decorate<IEntityRepository>(services, system);
        Decorate<IApiKeyRepository>(services, system);
    }

    private static void Decorate<T>(IServiceCollection services, string system)
        where T : class
    {
        var index = services.Count - 1;
        while (index >= 0 && services[index].ServiceType != typeof(T))
        {
            index--;
        }
        if (index < 0)
        {
            throw new InvalidOperationException($"No {typeof(T).Name} is registered to trace: call AddDatabase first.");
        }
        var original = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(T), sp => TracedRepository<T>.Wrap(Create<T>(sp, original), system, sp.GetRequiredService<UploadsMetrics>()), original.Lifetime);
    }

    private static T Create<T>(IServiceProvider services, ServiceDescriptor original)
        where T : class =>
        original switch
        {
            { ImplementationInstance: T instance } => instance,
            { ImplementationFactory: { } factory } => (T)factory(services),
            { ImplementationType: { } type } => (T)ActivatorUtilities.CreateInstance(services, type),
            _ => throw new InvalidOperationException($"Cannot decorate the registration of {typeof(T).Name}."),
        };
}
