using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Parts;

/// <summary>
/// Counts each owner's part PUTs in flight on this instance, so one owner's hundreds of slow or stuck
/// clients cannot take all of what the service has (<see cref="UploadsOptions.MaxPartsInFlightPerOwner"/>).
/// </summary>
public sealed class PartsInFlight(IOptions<UploadsOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>A slot for one more part of <paramref name="ownerId"/>, or null when the owner is at the limit.</summary>
    public IDisposable? TryEnter(string ownerId)
    {
        var limit = options.Value.MaxPartsInFlightPerOwner;
        while (true)
        {
            var current = _counts.GetOrAdd(ownerId, 0);
            if (current >= limit)
            {
                return null;
            }
            if (_counts.TryUpdate(ownerId, current + 1, current))
            {
                return new Slot(this, ownerId);
            }
        }
    }

    private void Exit(string ownerId)
    {
        while (true)
        {
            var current = _counts[ownerId];
            if (current == 1 ? _counts.TryRemove(KeyValuePair.Create(ownerId, 1)) : _counts.TryUpdate(ownerId, current - 1, current))
            {
                return;
            }
        }
    }

    private sealed class Slot(PartsInFlight owner, string ownerId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Exit(ownerId);
            }
        }
    }
}
