namespace Scenario.Uploads.Server.Services;

/// <summary>
/// Serialises writes of the same part in this process, so two copies of one part sent at once cannot
/// interleave their bytes. Striped: a fixed set of locks, each shared by many (upload, part) pairs.
/// </summary>
public sealed class PartLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(string uploadId, int partNumber, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)HashCode.Combine(uploadId, partNumber) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
