using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Faults;

/// <summary>
/// The fault tests run in the postgres-s3 pass of scripts/test only: they start service processes, and
/// servers of their own, which one pass is enough to pay for.
/// </summary>
public static class FaultPass
{
    /// <summary>
    /// The fault tests run one after another (each beside the rest of the suite): each starts several
    /// processes and bounds how soon the service must answer, which two of them at once on two cores would strain.
    /// </summary>
    public const string Collection = "Faults";

    /// <summary>How long the load runs on healthy backends before a fault.</summary>
    public static readonly TimeSpan Steady = TimeSpan.FromSeconds(2);

    /// <summary>The bound on "healthy again soon after the backend's return" (a full upload, /readyz 200).</summary>
    public static readonly TimeSpan Recovery = TimeSpan.FromSeconds(15);

    /// <summary>Waits out the rest of an outage begun at <paramref name="since"/>.</summary>
    public static Task UntilAsync(System.Diagnostics.Stopwatch since, TimeSpan outage) =>
        Task.Delay(outage - since.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);

    /// <summary>Skips the test outside the postgres-s3 pass, or when something it needs is missing (an error under scripts/test).</summary>
    public static void SkipUnlessRunnable(params string?[] missing)
    {
        if (!TestBackend.IsPostgresS3)
        {
            Assert.Skip("Runs in the postgres-s3 pass of scripts/test (SCENARIO_TEST_BACKEND=postgres-s3).");
        }
        if (Prerequisites.Missing([TestBackend.MissingServers(), .. missing]) is { } why)
        {
            Assert.Skip(why);
        }
    }
}
