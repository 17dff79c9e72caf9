using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Auth;

namespace Scenario.Uploads.Server.Tests.Unit;

public sealed class CredentialCacheTests
{
    private static readonly ApiKeyRecord Key = new("key", "hash", "owner_1", "author_1", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Verified_credentials_are_found_until_their_lifetime_runs_out()
    {
        var clock = new ManualClock();
        var cache = new CredentialCache(clock);
        cache.Add("a2V5OnNlY3JldA==", Key);

        clock.Advance(CredentialCache.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Same(Key, cache.Find("a2V5OnNlY3JldA=="));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(cache.Find("a2V5OnNlY3JldA=="));
    }

    [Fact]
    public void Other_credentials_for_the_same_key_are_not_found()
    {
        var cache = new CredentialCache(new ManualClock());
        cache.Add("a2V5OnNlY3JldA==", Key);

        Assert.Null(cache.Find("a2V5Om90aGVy"));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
