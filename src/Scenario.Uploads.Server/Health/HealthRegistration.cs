using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Jobs;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Health;

/// <summary>The readiness checks, each tagged <see cref="ReadyTag"/> and bounded by <c>Health:CheckTimeout</c>.</summary>
public static class HealthRegistration
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddUploadsHealthChecks(this IServiceCollection services)
    {
        services.AddValidatedOptions<HealthOptions, HealthOptionsValidator>(HealthOptions.Section);
        services.AddSingleton<WorkerHeartbeat>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<FreeSpaceHealthCheck>("freeSpace", tags: [ReadyTag])
            .AddCheck<JobWorkerHealthCheck>("jobWorker", tags: [ReadyTag]);
        // The timeout is configuration, known only once options are bound: set on every registration then.
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<HealthOptions>>((checks, health) =>
        {
            foreach (var registration in checks.Registrations)
            {
                registration.Timeout = health.Value.CheckTimeout;
            }
        });
        return services;
    }
}
