using System.Collections.Concurrent;

namespace Scenario.Uploads.Server.Parts;

/// <summary>
/// Serialises writes of the same part in this process, so two copies of one part sent at once cannot
/// interleave their bytes. One lock per (upload, part) that is being written, made on first use and
/// dropped when its last holder leaves: a slow or stuck client only ever holds up another copy of its
/// own part, never another upload's (a fixed set of striped locks let 600 slow PUTs of one owner stall
/// other owners' parts that hashed onto the same stripes).
/// </summary>
public sealed class PartLocks
{
    private readonly ConcurrentDictionary<(string UploadId, int Part), Entry> _locks = new();

    public async Task<IDisposable> AcquireAsync(string uploadId, int partNumber, CancellationToken cancellationToken)
    {
        var key = (uploadId, partNumber);
        var entry = Join(key);
        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }
        return new Release(this, key, entry);
    }

    /// <summary>How many parts have a lock right now (held or waited for); for tests.</summary>
    public int Count => _locks.Count;

    private Entry Join((string, int) key)
    {
        while (true)
        {
            var entry = _locks.GetOrAdd(key, static _ => new Entry());
            lock (entry)
            {
                // Removed is set under this lock as the entry leaves the map: a removed one is stale, take a fresh one.
                if (!entry.Removed)
                {
                    entry.Users++;
                    return entry;
                }
            }
        }
    }

    private void Leave((string, int) key, Entry entry)
    {
        lock (entry)
        {
            if (--entry.Users == 0)
            {
                entry.Removed = true;
                _locks.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Users;
        public bool Removed;
    }

    private sealed class Release(PartLocks owner, (string, int) key, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Gate.Release();
                owner.Leave(key, entry);
            }
        }
    }
}
