namespace Scenario.Transfers;

/// <summary>A progress report of a file download.</summary>
/// <param name="EntityId">The asset or model being downloaded.</param>
/// <param name="Path">The full path of the file being written, once known; null when downloading to a stream.</param>
/// <param name="Phase">The current stage.</param>
/// <param name="BytesReceived">Bytes in place so far, including those kept from a partial file; never decreases.</param>
/// <param name="TotalBytes">The size of the file (0 while resolving).</param>
/// <param name="ChunksDone">Ranges complete.</param>
/// <param name="ChunksTotal">Ranges in the plan.</param>
public readonly record struct DownloadProgress(
    string EntityId,
    string? Path,
    DownloadPhase Phase,
    long BytesReceived,
    long TotalBytes,
    int ChunksDone,
    int ChunksTotal)
{
    /// <summary>Bytes received as a fraction of the total, 0 to 1.</summary>
    public double Fraction => TotalBytes == 0 ? (Phase == DownloadPhase.Completed ? 1 : 0) : (double)BytesReceived / TotalBytes;
}
