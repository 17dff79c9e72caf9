using Scenario.Uploads.RateLimits;

namespace Scenario.Uploads.Server.RateLimits;

/// <summary>What one instance knows of one shared window; changed only under its limiter's lock.</summary>
internal sealed class WindowCount(SharedWindow window)
{
    public SharedWindow Window { get; } = window;

    /// <summary>Permits this instance let through in the window.</summary>
    public int Admitted { get; set; }

    /// <summary>Permits this instance leased from the ledger in the window.</summary>
    public int Leased { get; private set; }

    /// <summary>Permits all instances had leased at this instance's latest lease: what sizes its next one.</summary>
    public long UsedByAll { get; private set; }

    /// <summary>The ledger had no permit left: refuse from memory until the window ends.</summary>
    public bool Exhausted { get; private set; }

    public void Took(RateLimitGrant grant)
    {
        Leased += grant.Granted;
        UsedByAll = grant.Used;
        Exhausted = grant.Granted == 0;
    }
}
