namespace Scenario.Uploads.Persistence;

/// <summary>Creates or migrates the schema and answers readiness probes.</summary>
public interface IDatabase
{
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}
