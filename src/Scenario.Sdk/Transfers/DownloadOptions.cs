namespace Scenario.Transfers;

/// <summary>How <see cref="ScenarioClientDownloadExtensions.DownloadAsync(ScenarioClient, string, string, DownloadOptions?, IProgress{DownloadProgress}?, CancellationToken)"/> fetches a file.</summary>
public sealed record DownloadOptions
{
    /// <summary>The default number of ranges fetched at once.</summary>
    public const int DefaultConcurrency = 4;

    /// <summary>The default size of one ranged GET: 8 MiB, the upload helper's part size.</summary>
    public const long DefaultChunkSize = 8L * 1024 * 1024;

    /// <summary>Whether an existing file at the target path is replaced (default false: it is refused).</summary>
    public bool Overwrite { get; init; }

    /// <summary>How many ranges are fetched at once (default 4). Ignored when writing to a stream, which is filled in order.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>
    /// The size of one ranged GET and the unit of resumption (default 8 MiB, at least 64 KiB; grown so that a file
    /// has at most 10,000 ranges). A download resumed from a partial file keeps the chunk size it was begun with.
    /// </summary>
    public long ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>
    /// Whether a <c>.partial</c> file left by an interrupted download of the same file is continued (default true).
    /// When false it is discarded and the download starts over.
    /// </summary>
    public bool Resume { get; init; } = true;

    /// <summary>
    /// How many times a failed range is requested again (default 6, as for upload parts: about 30 s of backoff).
    /// A refused (expired) URL is renewed and counts as one attempt.
    /// </summary>
    public int ChunkRetries { get; init; } = 6;

    /// <summary>The timeout of one ranged GET; none when null (the cancellation token still applies).</summary>
    public TimeSpan? ChunkTimeout { get; init; }

    /// <summary>The read buffer of one range transfer (default 128 KiB).</summary>
    public int BufferSize { get; init; } = 128 * 1024;
}
