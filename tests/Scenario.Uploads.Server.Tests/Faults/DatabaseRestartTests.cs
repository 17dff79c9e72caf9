using System.Diagnostics;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Faults;

/// <summary>
/// PostgreSQL restarted (<c>pg_ctl stop -m fast</c>, 6 s down, start) under two instances and a steady
/// load: the outage is the server's event, so requests get a retryable 503 with Retry-After (never a 500),
/// nothing acknowledged is lost, and both instances take full uploads again soon after the database returns.
/// The database is a cluster of the test's own: the shared test server stays up for the other tests.
/// </summary>
[Collection(FaultPass.Collection)]
public sealed class DatabaseRestartTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task A_database_restart_mid_load_is_answered_503_with_Retry_After_and_loses_no_acknowledged_upload()
    {
        FaultPass.SkipUnlessRunnable(PostgresCluster.Unavailable());
        await using var cluster = await PostgresCluster.StartAsync();
        var settings = await TestBackend.CreatePostgresS3SettingsAsync();
        settings["Database:ConnectionString"] = await cluster.CreateDatabaseAsync();
        // A job whose worker lost the database mid-run is taken up again once its lease runs out (30 s by
        // default): a short lease keeps the wait for every acknowledged upload's import within the test.
        settings["Jobs:LeaseDuration"] = "00:00:05";
        await using var fleet = await ServiceFleet.StartAsync(settings);
        var ledger = new LoadLedger();

        await using (var load = UploadLoad.Start(fleet.Urls, clients: 4, ledger))
        {
            await Task.Delay(FaultPass.Steady);
            ledger.Mark("stopping the database");
            var down = Stopwatch.StartNew();
            await cluster.StopAsync();
            ledger.Mark("database stopped");
            await FaultChecks.AssertNotReadyAsync(fleet.Urls, "database", Outage);
            await FaultChecks.AssertCreateRefusedAsync(fleet.Urls, ledger, "database_unavailable");
            await FaultPass.UntilAsync(down, Outage);
            await cluster.StartAgainAsync();
            ledger.Mark("database back");
            await FaultChecks.AssertRecoveredAsync(fleet.Urls, ledger, "database", FaultPass.Recovery);
            await load.StopAsync();
            ledger.Mark("load stopped");
        }

        await FaultChecks.AssertNothingLostAsync(ledger, fleet);
    }
}
