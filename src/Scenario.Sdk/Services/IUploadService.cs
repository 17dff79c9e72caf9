using Scenario.Models;

namespace Scenario.Services;

/// <summary>
/// The uploads API: <c>client.Uploads</c>. Whole-file transfers (upload, resume, wait for the import) are extension
/// methods in <see cref="Transfers.UploadServiceTransferExtensions"/>, so this interface holds only the API calls.
/// </summary>
public interface IUploadService
{
    /// <summary>Creates an upload (<c>POST /uploads</c>): multipart, URL, Hugging Face or Civitai.</summary>
    /// <param name="parameters">Exactly one mode's fields.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<UploadCreateResponse> CreateAsync(UploadCreateParams parameters, CancellationToken cancellationToken = default);

    /// <summary>Gets an upload (<c>GET /uploads/{uploadId}</c>); while pending, its part URLs are freshly signed.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<UploadRetrieveResponse> RetrieveAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Triggers an action on an upload (<c>POST /uploads/{uploadId}/action</c>).</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="parameters">The action.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<UploadTriggerActionResponse> TriggerActionAsync(string uploadId, UploadTriggerActionParams parameters, CancellationToken cancellationToken = default);

    /// <summary>Triggers the <c>complete</c> action: all parts are in, start validation and import.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<UploadTriggerActionResponse> CompleteAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Triggers the <c>abort</c> action (an extension of this service): the pending upload becomes failed.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<UploadTriggerActionResponse> AbortAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Lists one page of uploads, newest first (<c>GET /uploads</c>, an extension of this service).</summary>
    /// <param name="parameters">Page size and token; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<UploadListResponse> ListAsync(UploadListParams? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every upload, newest first, fetching pages as needed.</summary>
    /// <param name="pageSize">The page size; the server's default when null.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<Upload> ListAllAsync(int? pageSize = null, CancellationToken cancellationToken = default);
}
