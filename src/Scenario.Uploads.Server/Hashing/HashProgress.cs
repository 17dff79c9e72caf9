namespace Scenario.Uploads.Server.Hashing;

/// <summary>The share of a file hashed, reported while the hash runs: validation's progress at complete.</summary>
internal static class HashProgress
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);

    /// <summary>Reports <paramref name="position"/> of <paramref name="fileSize"/> until <paramref name="hashing"/> ends, then 1.</summary>
    public static async Task ReportWhileRunningAsync(Task hashing, Func<long> position, long fileSize, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var size = Math.Max(1, fileSize);
        while (!hashing.IsCompleted)
        {
            progress.Report((double)position() / size);
            await Task.WhenAny(hashing, Task.Delay(Every, cancellationToken));
        }
        cancellationToken.ThrowIfCancellationRequested();
        progress.Report(1);
    }
}
