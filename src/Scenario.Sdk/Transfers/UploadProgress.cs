namespace Scenario.Transfers;

/// <summary>A progress report of a file upload.</summary>
/// <param name="UploadId">The upload id, once created (null while creating).</param>
/// <param name="Phase">The current stage.</param>
/// <param name="BytesSent">Bytes sent so far, including parts the service already held; never decreases.</param>
/// <param name="TotalBytes">The size of the file.</param>
/// <param name="PartsDone">Parts the service holds.</param>
/// <param name="PartsTotal">Parts in the plan.</param>
public readonly record struct UploadProgress(
    string? UploadId,
    UploadPhase Phase,
    long BytesSent,
    long TotalBytes,
    int PartsDone,
    int PartsTotal)
{
    /// <summary>Parts the service already held when a resumed upload started: counted in <see cref="PartsDone"/>, not sent again.</summary>
    public int PartsHeld { get; init; }

    /// <summary>The bytes of <see cref="PartsHeld"/>: counted in <see cref="BytesSent"/>, so a speed should be measured on <c>BytesSent - BytesHeld</c>.</summary>
    public long BytesHeld { get; init; }

    /// <summary>Bytes sent as a fraction of the total, 0 to 1.</summary>
    public double Fraction => TotalBytes == 0 ? (PartsTotal > 0 && PartsDone == PartsTotal ? 1 : 0) : (double)BytesSent / TotalBytes;
}
