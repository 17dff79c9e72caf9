using System.Collections.Concurrent;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Auth;

/// <summary>
/// Remembers, for a few seconds, the Basic credentials that were verified against the database, so a
/// client making many calls costs one key lookup and one SHA-256 per <see cref="Lifetime"/>, not per
/// request. Only successes are kept (a wrong secret is checked every time); a key changed or removed in
/// the database is honoured once its entry expires.
/// </summary>
public sealed class CredentialCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    // Entries expire but are only dropped when read or when the cache is full: a few thousand keys at most.
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The key verified for exactly these Basic credentials (the header's base64 parameter), if still fresh.</summary>
    public ApiKeyRecord? Find(string credentials)
    {
        if (!_entries.TryGetValue(credentials, out var entry))
        {
            return null;
        }
        if (entry.ExpiresAt > time.GetUtcNow())
        {
            return entry.Key;
        }
        _entries.TryRemove(credentials, out _);
        return null;
    }

    public void Add(string credentials, ApiKeyRecord key)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[credentials] = new Entry(key, time.GetUtcNow() + Lifetime);
    }

    private sealed record Entry(ApiKeyRecord Key, DateTimeOffset ExpiresAt);
}
