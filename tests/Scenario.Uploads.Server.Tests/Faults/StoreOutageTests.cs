using System.Diagnostics;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Faults;

/// <summary>
/// The object store hung (radosgw SIGSTOPped for 8 s, then SIGCONT) and then gone (SIGKILLed, started again
/// a few seconds later) under two instances and a steady load. Clients PUT parts straight to the store, so
/// their own PUTs fail or wait; what the service does itself (create's CreateMultipartUpload, complete,
/// validation, import) must answer a retryable 503 with Retry-After, never a 500 (a hung store within the
/// service's bounded wait, not when the store comes back), and lose nothing it acknowledged. The store is a second radosgw of the test's own over the shared Ceph cluster, so the
/// gateway every other test uses keeps running.
/// </summary>
[Collection(FaultPass.Collection)]
public sealed class StoreOutageTests
{
    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Gone = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_frozen_then_killed_store_mid_load_is_answered_503_with_Retry_After_and_loses_no_acknowledged_upload()
    {
        FaultPass.SkipUnlessRunnable(RadosGateway.Unavailable());
        await using var gateway = await RadosGateway.StartAsync();
        var settings = await TestBackend.CreatePostgresS3SettingsAsync();
        settings["Storage:S3:ServiceUrl"] = gateway.Endpoint;
        // The service (each of its S3 calls: 2 s, one retry) and /readyz give up on a hung store well within the freeze.
        settings["Storage:S3:Timeout"] = "00:00:02";
        settings["Storage:S3:MaxRetries"] = "1";
        settings["Health:CheckTimeout"] = "00:00:02";
        await using var fleet = await ServiceFleet.StartAsync(settings);
        var ledger = new LoadLedger();

        await using (var load = UploadLoad.Start(fleet.Urls, clients: 4, ledger))
        {
            await Task.Delay(FaultPass.Steady);
            var frozen = Stopwatch.StartNew();
            await gateway.FreezeAsync();
            ledger.Mark("store frozen");
            await FaultChecks.AssertNotReadyAsync(fleet.Urls, "storage", Freeze);
            await FaultChecks.AssertCreateRefusedAsync(fleet.Urls, ledger, "storage_unavailable");
            await FaultPass.UntilAsync(frozen, Freeze);
            await gateway.ResumeAsync();
            ledger.Mark("store resumed");
            await FaultChecks.AssertRecoveredAsync(fleet.Urls, ledger, "storage", FaultPass.Recovery);

            var killed = Stopwatch.StartNew();
            await gateway.KillAsync();
            ledger.Mark("store killed");
            await FaultChecks.AssertNotReadyAsync(fleet.Urls, "storage", Gone);
            await FaultPass.UntilAsync(killed, Gone);
            await gateway.StartAgainAsync();
            ledger.Mark("store back");
            await FaultChecks.AssertRecoveredAsync(fleet.Urls, ledger, "storage", FaultPass.Recovery);
            await load.StopAsync();
            ledger.Mark("load stopped");
        }

        await FaultChecks.AssertNothingLostAsync(ledger, fleet);
    }
}
