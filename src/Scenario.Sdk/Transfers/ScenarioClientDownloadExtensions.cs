using Scenario.Exceptions;

namespace Scenario.Transfers;

/// <summary>
/// Downloads of an asset's or a model's file. They are on the client rather than on <c>client.Assets</c> or
/// <c>client.Models</c> because one id may be either (the prefix tells), and because they fetch through the SDK's
/// credential-free HTTP client: the signed URL is the whole authorisation, and S3 refuses a request carrying both.
/// </summary>
public static class ScenarioClientDownloadExtensions
{
    /// <summary>
    /// Downloads a file: retrieves the asset or model, fetches its signed URL in parallel ranges into
    /// <c>PATH.partial</c> (continuing one left by an interrupted download), renews the URL when it expires,
    /// retries failed ranges, checks the SHA-256 and renames the file onto <paramref name="path"/>.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="assetOrModelId">An <c>asset_…</c> or <c>model_…</c> id.</param>
    /// <param name="path">
    /// The file to write, or an existing directory to write the entity's file name into; refused if the file exists,
    /// unless <see cref="DownloadOptions.Overwrite"/>.
    /// </param>
    /// <param name="options">Concurrency, chunk size, overwrite, retries.</param>
    /// <param name="progress">Receives progress: bytes in place (never decreasing), total, ranges done and the phase.</param>
    /// <param name="cancellationToken">Cancels the download; the partial file stays, and the same call later continues it.</param>
    /// <returns>The path, size and verified SHA-256.</returns>
    /// <exception cref="DownloadTargetExistsException"><paramref name="path"/> exists and Overwrite is false; nothing was fetched.</exception>
    /// <exception cref="DownloadVerificationException">What arrived does not match the SHA-256; the partial file was deleted.</exception>
    /// <exception cref="NotFoundException">No such asset or model (or another owner's).</exception>
    public static Task<DownloadResult> DownloadAsync(
        this ScenarioClient client, string assetOrModelId, string path, DownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var (http, checkedOptions) = Prepare(client, assetOrModelId, options);
        return new FileDownload(client, http, checkedOptions, progress).RunAsync(assetOrModelId, path, cancellationToken);
    }

    /// <summary>
    /// Downloads a file into a stream, range after range in order (<see cref="DownloadOptions.Concurrency"/>,
    /// <see cref="DownloadOptions.Overwrite"/> and <see cref="DownloadOptions.Resume"/> do not apply), with the same
    /// retries and URL renewal; the SHA-256 is checked once the last byte is written.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="assetOrModelId">An <c>asset_…</c> or <c>model_…</c> id.</param>
    /// <param name="destination">A writable stream; written from its current position and not disposed.</param>
    /// <param name="options">Chunk size and retries.</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The size and verified SHA-256.</returns>
    /// <exception cref="DownloadVerificationException">What was written does not match the SHA-256: discard it.</exception>
    /// <exception cref="NotFoundException">No such asset or model (or another owner's).</exception>
    public static Task<DownloadResult> DownloadAsync(
        this ScenarioClient client, string assetOrModelId, Stream destination, DownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var (http, checkedOptions) = Prepare(client, assetOrModelId, options);
        return new StreamDownload(client, http, checkedOptions, progress).RunAsync(assetOrModelId, destination, cancellationToken);
    }

    private static (HttpClient Http, DownloadOptions Options) Prepare(ScenarioClient client, string assetOrModelId, DownloadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(assetOrModelId);
        options ??= new DownloadOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1, nameof(options.Concurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 64 * 1024, nameof(options.ChunkSize));
        ArgumentOutOfRangeException.ThrowIfNegative(options.ChunkRetries, nameof(options.ChunkRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, 4096, nameof(options.BufferSize));
        // The uploads service holds the SDK's credential-free client; the signed URL is the download's only credential.
        var http = client.Uploads is IUploadTransferHost host
            ? host.PartClient
            : throw new InvalidOperationException("The client's uploads service is not the SDK's own.");
        return (http, options);
    }
}
