namespace Scenario.Uploads.RateLimits;

/// <summary>
/// The rate-limit counts that instances sharing a database keep there: permits of a window leased in
/// chunks (so an instance writes once per chunk, not once per request) and the instances alive, whose
/// number sizes the chunks and, while the database cannot be reached, each instance's share of a limit.
/// </summary>
public interface IRateLimitLedger
{
    /// <summary>
    /// Takes up to <paramref name="wanted"/> permits of <paramref name="window"/> for this instance: as many as
    /// are left under <paramref name="limit"/> for all instances together, so the sum never passes it.
    /// </summary>
    Task<RateLimitGrant> TakeAsync(SharedWindow window, int wanted, int limit, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="instanceId"/> as alive at <paramref name="now"/>; answers how many instances beat since <paramref name="liveSince"/>.</summary>
    Task<int> BeatAsync(string instanceId, DateTimeOffset now, DateTimeOffset liveSince, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="instanceId"/> on a clean stop, so the others count one fewer at once.</summary>
    Task LeaveAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Deletes the windows that ended before <paramref name="endedBefore"/> and the instances not seen since <paramref name="forgetBefore"/>.</summary>
    Task SweepAsync(DateTimeOffset endedBefore, DateTimeOffset forgetBefore, CancellationToken cancellationToken);
}

/// <summary>One owner's window of one limit, aligned on the Unix epoch so that every instance names the same one.</summary>
public sealed record SharedWindow(string Policy, string OwnerId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>The permits a lease took (0 when the window is used up) and how many all instances have taken.</summary>
public readonly record struct RateLimitGrant(int Granted, long Used);
