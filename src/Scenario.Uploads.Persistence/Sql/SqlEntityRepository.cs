using System.Text.Json;
using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence.Rows;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// Assets and models, in SQL both databases run; inserts are idempotent on the (upload-derived) id, so an
/// import that runs again after a crash finds the entity it made the first time.
/// </summary>
public sealed class SqlEntityRepository(ISqlDatabase database) : IEntityRepository
{
    public async Task<AssetRecord> CreateAssetIfAbsentAsync(AssetRecord asset, CancellationToken cancellationToken)
    {
        // Relaxed: made by the import step before the upload's synced move to imported, which syncs it too;
        // lost before that, the step makes it again under the same id.
        await database.WriteStatementAsync(Durability.Relaxed, (connection, transaction) => connection.ExecuteAsync(
                """
                INSERT INTO assets (id, owner_id, author_id, upload_id, kind, file_name, content_type, file_size, sha256,
                    storage_key, collection_ids, hidden, parent_id, metadata, created_at)
                VALUES (@Id, @OwnerId, @AuthorId, @UploadId, @Kind, @FileName, @ContentType, @FileSize, @Sha256,
                    @StorageKey, @CollectionIds, @Hidden, @ParentId, @MetadataJson, @CreatedAt)
                ON CONFLICT (id) DO NOTHING;
                """,
                new
                {
                    asset.Id, asset.OwnerId, asset.AuthorId, asset.UploadId, asset.Kind, asset.FileName, asset.ContentType,
                    asset.FileSize, asset.Sha256, asset.StorageKey, CollectionIds = JsonSerializer.Serialize(asset.CollectionIds),
                    Hidden = asset.Hidden ? 1 : 0, asset.ParentId, asset.MetadataJson, CreatedAt = UnixTime.Ms(asset.CreatedAt),
                },
                transaction),
            cancellationToken);
        return await FindAssetAsync(asset.Id, cancellationToken) ?? throw new InvalidOperationException($"Asset {asset.Id} vanished after insert.");
    }

    public async Task<ModelRecord> CreateModelIfAbsentAsync(ModelRecord model, CancellationToken cancellationToken)
    {
        // Relaxed, as an asset is.
        await database.WriteStatementAsync(Durability.Relaxed, (connection, transaction) => connection.ExecuteAsync(
                """
                INSERT INTO models (id, owner_id, author_id, upload_id, name, file_name, content_type, file_size, sha256,
                    storage_key, source, config, metadata, created_at)
                VALUES (@Id, @OwnerId, @AuthorId, @UploadId, @Name, @FileName, @ContentType, @FileSize, @Sha256,
                    @StorageKey, @Source, @ConfigJson, @MetadataJson, @CreatedAt)
                ON CONFLICT (id) DO NOTHING;
                """,
                new
                {
                    model.Id, model.OwnerId, model.AuthorId, model.UploadId, model.Name, model.FileName, model.ContentType,
                    model.FileSize, model.Sha256, model.StorageKey, model.Source, model.ConfigJson, model.MetadataJson,
                    CreatedAt = UnixTime.Ms(model.CreatedAt),
                },
                transaction),
            cancellationToken);
        return await FindModelAsync(model.Id, cancellationToken) ?? throw new InvalidOperationException($"Model {model.Id} vanished after insert.");
    }

    public async Task<AssetRecord?> FindAssetAsync(string assetId, CancellationToken cancellationToken)
    {
        var row = await database.ReadAsync(
            connection => connection.QuerySingleOrDefaultAsync<AssetRow>("SELECT * FROM assets WHERE id = @assetId;", new { assetId }), cancellationToken);
        return row?.ToRecord();
    }

    public async Task<ModelRecord?> FindModelAsync(string modelId, CancellationToken cancellationToken)
    {
        var row = await database.ReadAsync(
            connection => connection.QuerySingleOrDefaultAsync<ModelRow>("SELECT * FROM models WHERE id = @modelId;", new { modelId }), cancellationToken);
        return row?.ToRecord();
    }
}
