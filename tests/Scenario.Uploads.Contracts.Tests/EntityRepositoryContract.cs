using Scenario.Uploads.Model;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>What every entity and API key repository promises: idempotent inserts, upserts, the readiness probe.</summary>
public abstract class EntityRepositoryContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract Task<PersistenceSet> OpenAsync();

    [Fact]
    public async Task Creating_an_asset_or_model_twice_keeps_the_first()
    {
        var db = await OpenAsync();
        var asset = new AssetRecord
        {
            Id = "asset_1", OwnerId = "o", AuthorId = "a", UploadId = "upload_1", Kind = "image", FileName = "x.png", ContentType = "image/png",
            FileSize = 10, Sha256 = "s", StorageKey = "uploads/upload_1", CreatedAt = Records.T0, CollectionIds = ["c1", "c2"], Hidden = true,
        };
        var model = new ModelRecord
        {
            Id = "model_1", OwnerId = "o", AuthorId = "a", UploadId = "upload_2", Name = "m", FileName = "m.safetensors",
            ContentType = "application/octet-stream", FileSize = 20, Sha256 = "t", StorageKey = "uploads/upload_2", CreatedAt = Records.T0,
        };

        Assert.Equal(["c1", "c2"], (await db.Entities.CreateAssetIfAbsentAsync(asset, None)).CollectionIds);
        Assert.Equal("x.png", (await db.Entities.CreateAssetIfAbsentAsync(asset with { FileName = "other" }, None)).FileName);
        Assert.Equal("m", (await db.Entities.CreateModelIfAbsentAsync(model, None)).Name);
        Assert.Equal("m", (await db.Entities.CreateModelIfAbsentAsync(model with { Name = "other" }, None)).Name);
        Assert.True((await db.Entities.FindAssetAsync("asset_1", None))!.Hidden);
        Assert.Null(await db.Entities.FindModelAsync("model_2", None));
    }

    [Fact]
    public async Task Api_keys_are_upserted_and_found()
    {
        var db = await OpenAsync();
        Assert.False(await db.ApiKeys.AnyAsync(None));

        await db.ApiKeys.UpsertAsync(new ApiKeyRecord("k", "h1", "o1", "a1", Records.T0), None);
        await db.ApiKeys.UpsertAsync(new ApiKeyRecord("k", "h2", "o2", "a2", Records.T0), None);

        Assert.True(await db.ApiKeys.AnyAsync(None));
        Assert.Equal(new ApiKeyRecord("k", "h2", "o2", "a2", Records.T0), await db.ApiKeys.FindAsync("k", None));
        Assert.Null(await db.ApiKeys.FindAsync("nope", None));
        Assert.True(await db.Database.IsReachableAsync(None));
    }

    [Fact]
    public async Task Initialising_again_and_concurrently_is_harmless()
    {
        var db = await OpenAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => db.Database.InitializeAsync(None)));

        Assert.True(await db.Database.IsReachableAsync(None));
    }
}

public sealed class SqliteEntityRepositoryTests : EntityRepositoryContract
{
    protected override Task<PersistenceSet> OpenAsync() => PersistenceSet.SqliteAsync();
}

public sealed class PostgresEntityRepositoryTests : EntityRepositoryContract
{
    protected override Task<PersistenceSet> OpenAsync() => PersistenceSet.PostgresAsync();
}
