namespace Scenario.Uploads.Server.Hashing;

/// <summary>One part write's link to its upload's hasher: progress while writing, and its end when disposed.</summary>
internal sealed class PartFollower(UploadHasher hasher, int number) : IProgress<long>, IDisposable
{
    /// <summary>Set by the writer once the whole part is in the file.</summary>
    public bool Whole { get; set; }

    public void Report(long value) => hasher.PartWritten(number, value);

    public void Dispose() => hasher.PartEnded(number, Whole);
}
