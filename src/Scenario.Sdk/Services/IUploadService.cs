using Scenario.Models;
using Scenario.Uploads;

namespace Scenario.Services;

/// <summary>The uploads API: <c>client.Uploads</c>.</summary>
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

    /// <summary>
    /// Uploads a file in one call: plans the parts, creates the upload, PUTs the parts in parallel,
    /// completes it and (unless <see cref="UploadFileOptions.WaitForImport"/> is false) waits for the import.
    /// </summary>
    /// <param name="path">The file to upload.</param>
    /// <param name="options">Kind, content type, part size, concurrency, progress, …</param>
    /// <param name="cancellationToken">Cancels the transfer; the upload stays pending and can be resumed.</param>
    /// <returns>The upload in its final state: imported, or as completed when not waiting.</returns>
    /// <exception cref="Exceptions.UploadFailedException">The service refused the file.</exception>
    Task<Upload> UploadFileAsync(string path, UploadFileOptions options, CancellationToken cancellationToken = default);

    /// <summary>Uploads the content of a seekable stream; see <see cref="UploadFileAsync(string, UploadFileOptions, CancellationToken)"/>.</summary>
    /// <param name="content">A seekable stream; it is read from position 0 to its end and is not disposed.</param>
    /// <param name="options">Options; <see cref="UploadFileOptions.FileName"/> is required.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    Task<Upload> UploadFileAsync(Stream content, UploadFileOptions options, CancellationToken cancellationToken = default);

    /// <summary>Finishes an interrupted upload: sends only the parts the service does not hold yet, completes and waits.</summary>
    /// <param name="uploadId">The pending upload.</param>
    /// <param name="path">The same file that was being uploaded.</param>
    /// <param name="options">Transfer options; kind and names come from the upload itself.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    Task<Upload> ResumeUploadAsync(string uploadId, string path, UploadFileOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes from a seekable stream; see <see cref="ResumeUploadAsync(string, string, UploadFileOptions?, CancellationToken)"/>.</summary>
    /// <param name="uploadId">The pending upload.</param>
    /// <param name="content">A seekable stream with the same content.</param>
    /// <param name="options">Transfer options.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    Task<Upload> ResumeUploadAsync(string uploadId, Stream content, UploadFileOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Polls an upload, with backoff, until it is imported or failed.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="timeout">How long to wait (default 5 minutes).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The upload in its terminal state; check <see cref="Upload.Status"/>.</returns>
    /// <exception cref="Exceptions.ScenarioTimeoutException">It was still processing after <paramref name="timeout"/>.</exception>
    Task<Upload> WaitForImportAsync(string uploadId, TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}
