using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Uploads;

/// <summary>
/// The parts of a pending upload that are stored: the database knows them when they came through the
/// service (local disk); the store alone knows them when clients PUT straight to it (S3).
/// </summary>
public sealed class PartInventory(IUploadRepository uploads, IBlobStore blobs)
{
    public bool StoreKeepsParts => blobs is IStorePartLister;

    public async Task<IReadOnlyList<PartRecord>> ListAsync(UploadRecord upload, CancellationToken cancellationToken) =>
        blobs is IStorePartLister lister && upload.StorageUploadId is { } storageUploadId
            ? await lister.ListPartsAsync(upload.StorageKey, storageUploadId, cancellationToken)
            : await uploads.GetPartsAsync(upload.Id, cancellationToken);
}
