using Scenario.Uploads.Server.Hashing;

namespace Scenario.Uploads.Server.Parts;

/// <summary>The part PUTs of local storage: the writer, its requirements, the owners' slots and the parts' locks, the hashers that follow the bytes.</summary>
public static class PartRegistration
{
    public static IServiceCollection AddPartWrites(this IServiceCollection services)
    {
        services.AddSingleton<PartLocks>();
        services.AddSingleton<PartsInFlight>();
        services.AddSingleton<PartRequirements>();
        services.AddSingleton<PartWriter>();
        services.AddSingleton<HasherRegistry>();
        return services;
    }
}
