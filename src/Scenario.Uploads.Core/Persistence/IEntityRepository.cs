using Scenario.Uploads.Model;

namespace Scenario.Uploads.Persistence;

/// <summary>The assets and models that imported uploads become.</summary>
public interface IEntityRepository
{
    /// <summary>Inserts the asset unless one with its id exists; returns the stored one either way.</summary>
    Task<AssetRecord> CreateAssetIfAbsentAsync(AssetRecord asset, CancellationToken cancellationToken);

    /// <summary>Inserts the model unless one with its id exists; returns the stored one either way.</summary>
    Task<ModelRecord> CreateModelIfAbsentAsync(ModelRecord model, CancellationToken cancellationToken);

    Task<AssetRecord?> FindAssetAsync(string assetId, CancellationToken cancellationToken);

    Task<ModelRecord?> FindModelAsync(string modelId, CancellationToken cancellationToken);
}

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

/// <summary>Creates or migrates the schema and answers readiness probes.</summary>
public interface IDatabase
{
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}
