using Scenario.Models;

namespace Scenario.Transfers;

/// <summary>How <see cref="UploadServiceTransferExtensions.UploadFileAsync(Services.IUploadService, string, UploadFileOptions, CancellationToken)"/> sends a file.</summary>
public sealed record UploadFileOptions
{
    /// <summary>The default number of parts sent at once.</summary>
    public const int DefaultConcurrency = 4;

    /// <summary>The default time to wait for the import after completing.</summary>
    public static readonly TimeSpan DefaultImportTimeout = TimeSpan.FromMinutes(5);

    /// <summary>What the file becomes once validated. Required for a new upload; ignored on resume.</summary>
    public UploadKind? Kind { get; init; }

    /// <summary>The file name sent to the service; defaults to the name of the file on disk.</summary>
    public string? FileName { get; init; }

    /// <summary>
    /// The MIME type; when null, derived from the file's first bytes (see <see cref="SniffContent"/>), else guessed from
    /// the file name (see <see cref="ContentTypes.Guess"/>).
    /// </summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// Whether to read the file's first bytes before creating the upload (default true): a file whose content
    /// contradicts <see cref="Kind"/> or <see cref="ContentType"/> is refused at once with
    /// <see cref="Exceptions.ContentMismatchException"/> (the service's own message) instead of after the whole
    /// transfer, and a missing content type is taken from the content. False sends the file as declared.
    /// </summary>
    public bool SniffContent { get; init; } = true;

    /// <summary>Collections, visibility and parent of the asset. Not available for the model kind.</summary>
    public UploadAssetOptions? AssetOptions { get; init; }

    /// <summary>The part size in bytes; picked for the file when null (see <see cref="PartPlanner.Plan"/>).</summary>
    public long? PartSize { get; init; }

    /// <summary>How many parts are sent at once (default 4). Memory use is about this times <see cref="BufferSize"/>.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>
    /// How many times a failed part is sent again (default 6: with the backoff of 0.5 s doubling to 8 s, about
    /// 30 s, enough to ride out a restart of the service during a deploy).
    /// </summary>
    public int PartRetries { get; init; } = 6;

    /// <summary>The timeout of one part PUT; none when null (the cancellation token still applies).</summary>
    public TimeSpan? PartTimeout { get; init; }

    /// <summary>
    /// The read buffer of one part transfer (default 1 MiB): each buffer is one read of the file and one write to the
    /// socket, so a larger one makes fewer system calls (1,024 of each a GiB instead of 8,192 at 128 KiB).
    /// </summary>
    public int BufferSize { get; init; } = 1024 * 1024;

    /// <summary>Part URLs expiring sooner than this are re-signed before use (default 2 minutes).</summary>
    public TimeSpan UrlRefreshMargin { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Receives progress: bytes sent (never decreasing), total, parts done and the phase.</summary>
    public IProgress<UploadProgress>? Progress { get; init; }

    /// <summary>
    /// The least time between two byte-count reports to <see cref="Progress"/> (default 100 ms, so at most 10 a
    /// second); a change of phase is always reported at once, so the last bytes arrive with the completing report.
    /// </summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether to wait for the import after completing (default true).</summary>
    public bool WaitForImport { get; init; } = true;

    /// <summary>How long to wait for the import (default 5 minutes).</summary>
    public TimeSpan ImportTimeout { get; init; } = DefaultImportTimeout;
}
