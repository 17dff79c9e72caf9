namespace Scenario.Uploads.Server.Jobs;

/// <summary>
/// When <see cref="UploadJobWorker"/>'s loop last went round: it beats at least once per poll interval, even
/// while all its slots are busy, so a stale beat means the loop is stuck (a claim that hangs) or has died.
/// </summary>
public sealed class WorkerHeartbeat(TimeProvider time)
{
    // From construction: a worker that has not started yet is not stuck yet.
    private long _last = time.GetTimestamp();

    public void Beat() => Interlocked.Exchange(ref _last, time.GetTimestamp());

    public TimeSpan SinceLastBeat => time.GetElapsedTime(Interlocked.Read(ref _last));
}
