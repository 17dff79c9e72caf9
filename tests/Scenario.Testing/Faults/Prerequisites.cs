namespace Scenario.Testing;

/// <summary>
/// What a fault test needs beyond the shared test servers (a program, root, the shared Ceph cluster's
/// configuration). Missing, the test skips with the reason; when scripts/test runs the suite
/// (SCENARIO_TEST_REQUIRE_SERVERS=1), which installs all of them, a missing one is an error instead.
/// </summary>
public static class Prerequisites
{
    /// <summary>The first reason not to run, or null; throws under SCENARIO_TEST_REQUIRE_SERVERS=1.</summary>
    public static string? Missing(params string?[] reasons)
    {
        var reason = reasons.FirstOrDefault(r => r is not null);
        if (reason is not null && Environment.GetEnvironmentVariable("SCENARIO_TEST_REQUIRE_SERVERS") == "1")
        {
            throw new InvalidOperationException($"{reason} scripts/test provides it: is the machine set up as scripts/test expects?");
        }
        return reason;
    }
}
