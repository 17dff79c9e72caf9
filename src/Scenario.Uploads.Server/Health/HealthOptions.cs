namespace Scenario.Uploads.Server.Health;

/// <summary>The <c>Health</c> section: what <c>/readyz</c> checks and how long each check may take.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>A check that has not answered by then is unhealthy: a hung database must not hang the probe too.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bytes that must stay free on local storage; below it the instance is not ready (it would refuse creates).</summary>
    public long MinFreeSpace { get; set; } = 256L * 1024 * 1024;

    /// <summary>The job worker is unhealthy when it has not looped for this many <c>Jobs:PollInterval</c>s.</summary>
    public int WorkerStalledAfterPolls { get; set; } = 30;
}
