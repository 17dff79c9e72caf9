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
