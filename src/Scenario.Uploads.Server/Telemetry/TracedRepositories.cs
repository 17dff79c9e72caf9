using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Telemetry;

/// <summary>Puts <see cref="TracedRepository{T}"/> around each repository as the database registration builds it.</summary>
internal sealed class TracedRepositories(IConfiguration configuration, UploadsMetrics metrics) : IRepositoryDecorator
{
    // OpenTelemetry's db.system.name. Read from the key, not the options: the Database section may be the
    // one a refused start is reporting.
    private readonly string _system = string.Equals(configuration[$"{DatabaseOptions.Section}:Provider"], DatabaseOptionsValidator.Postgres, StringComparison.OrdinalIgnoreCase)
        ? "postgresql"
        : "sqlite";

    public T Decorate<T>(T repository)
        where T : class => TracedRepository<T>.Wrap(repository, _system, metrics);
}
