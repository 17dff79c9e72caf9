using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.DiskSpace;

/// <summary>
/// The data directory's reserve (<c>Storage:ReservedSpace</c>), its keeper, and the 507 answer to a write that
/// failed because the disk is full, wherever it failed.
/// </summary>
public static class DiskReserveRegistration
{
    public static IServiceCollection AddDiskReserve(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            // With PostgreSQL and S3 the data directory holds only the signing key: nothing to keep space for.
            var kept = !StorageOptionsValidator.IsS3(storage) || !DatabaseOptionsValidator.IsPostgres(database);
            return new DiskReserve(sp.GetRequiredService<IOptions<UploadsOptions>>().Value.DataDirectory, kept ? storage.ReservedSpace : 0);
        });
        services.AddHostedService<DiskReserveKeeper>();
        services.AddExceptionHandler<DiskFullExceptionHandler>();
        return services;
    }
}
