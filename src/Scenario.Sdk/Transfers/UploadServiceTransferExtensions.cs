using Scenario.Models;
using Scenario.Services;

namespace Scenario.Transfers;

/// <summary>
/// Whole-file transfers on <c>client.Uploads</c>: upload, resume, wait for the import. They are extension methods, as
/// the Stainless SDKs keep their helpers, so a new helper never breaks a class that implements or fakes
/// <see cref="IUploadService"/>; they are built only on its API calls, plus the part client of the SDK's own service.
/// </summary>
public static class UploadServiceTransferExtensions
{
    /// <summary>
    /// Uploads a file in one call: plans the parts, creates the upload, PUTs the parts in parallel,
    /// completes it and (unless <see cref="UploadFileOptions.WaitForImport"/> is false) waits for the import.
    /// </summary>
    /// <param name="uploads">The uploads service of a <see cref="ScenarioClient"/> (<c>client.Uploads</c>).</param>
    /// <param name="path">The file to upload.</param>
    /// <param name="options">Kind, content type, part size, concurrency, progress, …</param>
    /// <param name="cancellationToken">Cancels the transfer; the upload stays pending and can be resumed.</param>
    /// <returns>The upload in its final state: imported, or as completed when not waiting.</returns>
    /// <exception cref="Exceptions.UploadFailedException">The service refused the file.</exception>
    /// <exception cref="NotSupportedException"><paramref name="uploads"/> is not the service of a <see cref="ScenarioClient"/>.</exception>
    public static async Task<Upload> UploadFileAsync(
        this IUploadService uploads, string path, UploadFileOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var partClient = PartClientOf(uploads);
        using var source = FilePartSource.Open(path);
        var named = options.FileName is null ? options with { FileName = Path.GetFileName(path) } : options;
        return await new UploadTransfer(uploads, partClient, named).UploadAsync(source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads the content of a seekable stream; see
    /// <see cref="UploadFileAsync(IUploadService, string, UploadFileOptions, CancellationToken)"/>.
    /// </summary>
    /// <param name="uploads">The uploads service of a <see cref="ScenarioClient"/>.</param>
    /// <param name="content">A seekable stream; it is read from position 0 to its end and is not disposed.</param>
    /// <param name="options">Options; <see cref="UploadFileOptions.FileName"/> is required.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>The upload in its final state.</returns>
    /// <exception cref="NotSupportedException"><paramref name="uploads"/> is not the service of a <see cref="ScenarioClient"/>.</exception>
    public static Task<Upload> UploadFileAsync(
        this IUploadService uploads, Stream content, UploadFileOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.FileName))
        {
            throw new ArgumentException("UploadFileOptions.FileName is required when uploading a stream.", nameof(options));
        }
        return new UploadTransfer(uploads, PartClientOf(uploads), options).UploadAsync(new StreamPartSource(content), cancellationToken);
    }

    /// <summary>Finishes an interrupted upload: sends only the parts the service does not hold yet, completes and waits.</summary>
    /// <param name="uploads">The uploads service of a <see cref="ScenarioClient"/>.</param>
    /// <param name="uploadId">The pending upload.</param>
    /// <param name="path">The same file that was being uploaded.</param>
    /// <param name="options">Transfer options; kind and names come from the upload itself.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>The upload in its final state.</returns>
    /// <exception cref="NotSupportedException"><paramref name="uploads"/> is not the service of a <see cref="ScenarioClient"/>.</exception>
    public static async Task<Upload> ResumeUploadAsync(
        this IUploadService uploads, string uploadId, string path, UploadFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        var partClient = PartClientOf(uploads);
        using var source = FilePartSource.Open(path);
        return await new UploadTransfer(uploads, partClient, options ?? new UploadFileOptions())
            .ResumeAsync(uploadId, source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Resumes from a seekable stream; see
    /// <see cref="ResumeUploadAsync(IUploadService, string, string, UploadFileOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="uploads">The uploads service of a <see cref="ScenarioClient"/>.</param>
    /// <param name="uploadId">The pending upload.</param>
    /// <param name="content">A seekable stream with the same content.</param>
    /// <param name="options">Transfer options.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>The upload in its final state.</returns>
    /// <exception cref="NotSupportedException"><paramref name="uploads"/> is not the service of a <see cref="ScenarioClient"/>.</exception>
    public static Task<Upload> ResumeUploadAsync(
        this IUploadService uploads, string uploadId, Stream content, UploadFileOptions? options = null, CancellationToken cancellationToken = default) =>
        new UploadTransfer(uploads, PartClientOf(uploads), options ?? new UploadFileOptions())
            .ResumeAsync(uploadId, new StreamPartSource(content), cancellationToken);

    /// <summary>
    /// Polls an upload, with backoff, until it is imported or failed. It needs only
    /// <see cref="IUploadService.RetrieveAsync"/>, so it works on any implementation of the interface.
    /// </summary>
    /// <param name="uploads">The uploads service.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="timeout">How long to wait (default 5 minutes).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The upload in its terminal state; check <see cref="Upload.Status"/>.</returns>
    /// <exception cref="Exceptions.ScenarioTimeoutException">It was still processing after <paramref name="timeout"/>.</exception>
    public static Task<Upload> WaitForImportAsync(
        this IUploadService uploads, string uploadId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        return ImportWaiter.WaitAsync(uploads, uploadId, timeout ?? UploadFileOptions.DefaultImportTimeout, null, cancellationToken);
    }

    // Parts go to signed URLs without credentials, through the client only the SDK's own service holds.
    private static HttpClient PartClientOf(IUploadService uploads)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        return uploads is IUploadTransferHost host
            ? host.PartClient
            : throw new NotSupportedException(
                $"File transfers need the uploads service of a ScenarioClient (client.Uploads), not a {uploads.GetType().Name}: " +
                "they send parts through its credential-free HTTP client.");
    }
}
