using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Faults;

/// <summary>
/// One of two instances SIGKILLed and started again behind a load balancer (Debian's nginx, round-robin,
/// passing a request whose instance dies to the other) while clients keep uploading through the balancer:
/// no 500, nothing acknowledged lost, and the restarted instance takes full uploads again.
/// </summary>
[Collection(FaultPass.Collection)]
public sealed class InstanceKillTests
{
    [Fact]
    public async Task An_instance_killed_behind_a_balancer_mid_load_loses_no_acknowledged_upload_and_answers_no_500()
    {
        FaultPass.SkipUnlessRunnable(LoadBalancer.Unavailable());
        var settings = await TestBackend.CreatePostgresS3SettingsAsync();
        // The survivor takes over the killed instance's jobs once their leases run out: a short lease keeps that within the test.
        settings["Jobs:LeaseDuration"] = "00:00:05";
        await using var fleet = await ServiceFleet.StartAsync(settings);
        await using var balancer = await LoadBalancer.StartAsync(fleet.Ports);
        var ledger = new LoadLedger();

        await using (var load = UploadLoad.Start([balancer.BaseUrl], clients: 4, ledger))
        {
            await Task.Delay(FaultPass.Steady);
            await fleet.KillAsync(0);
            ledger.Mark("instance 0 killed");
            // Started again at once: it refuses connections until it listens, and is not ready for a while after.
            await fleet.StartAsync(0);
            ledger.Mark("instance 0 started again");
            await FaultChecks.AssertRecoveredAsync(fleet.Urls, ledger, "instance", FaultPass.Recovery);
            await load.StopAsync();
            ledger.Mark("load stopped");
        }

        await FaultChecks.AssertNothingLostAsync(ledger, fleet);
    }
}
