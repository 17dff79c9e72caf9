using Scenario.Uploads.Model;

namespace Scenario.Uploads.Storage;

/// <summary>
/// A store that receives part bytes straight from clients (S3), so only the store knows which parts it
/// holds: the complete action and retrieve ask it instead of the database.
/// </summary>
public interface IStorePartLister
{
    /// <summary>Every part the store holds for the unfinished upload, by part number; empty once it is gone.</summary>
    Task<IReadOnlyList<PartRecord>> ListPartsAsync(string key, string storageUploadId, CancellationToken cancellationToken);
}
