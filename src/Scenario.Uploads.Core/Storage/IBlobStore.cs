using System.IO.Pipelines;
using Scenario.Uploads.Model;
using Scenario.Uploads.Validation;

namespace Scenario.Uploads.Storage;

/// <summary>
/// Where an upload's bytes live. The core abilities every store has; what only some stores can do
/// (take part bytes through the service, list parts themselves) are separate interfaces.
/// </summary>
public interface IBlobStore
{
    /// <summary>Prepares room for a new upload; returns the store's own upload id (S3) or null.</summary>
    Task<string?> BeginUploadAsync(string key, string? contentType, CancellationToken cancellationToken);

    /// <summary>Makes the parts one object. Must not copy bytes where the store can avoid it.</summary>
    Task CompleteUploadAsync(string key, string? storageUploadId, PartPlan plan, CancellationToken cancellationToken);

    /// <summary>Reads a stored object at any offset, for validation and downloads.</summary>
    Task<IRandomAccessContent> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the object and anything left of an unfinished upload; a missing object is not an error.</summary>
    Task DeleteAsync(string key, string? storageUploadId, CancellationToken cancellationToken);

    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}
