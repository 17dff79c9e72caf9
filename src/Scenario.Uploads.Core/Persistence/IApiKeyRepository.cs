using Scenario.Uploads.Model;

namespace Scenario.Uploads.Persistence;

/// <summary>API keys; secrets are stored only as hashes.</summary>
public interface IApiKeyRepository
{
    Task<ApiKeyRecord?> FindAsync(string apiKey, CancellationToken cancellationToken);

    Task<bool> AnyAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the key (configured keys are written on every start).</summary>
    Task UpsertAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Every key, oldest first: the operator's <c>keys list</c>.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the key (<c>keys revoke</c>); false when there was none.</summary>
    Task<bool> DeleteAsync(string apiKey, CancellationToken cancellationToken);
}
