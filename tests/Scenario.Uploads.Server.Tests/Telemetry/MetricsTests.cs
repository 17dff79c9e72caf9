using System.Diagnostics;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Telemetry;

/// <summary>/metrics in Prometheus' text format: the service's own counters move with what it does.</summary>
public sealed class MetricsTests(TelemetryProcess service) : IClassFixture<TelemetryProcess>
{
    private static readonly (string, string) Image = ("kind", "image");
    private static readonly (string, string) Multipart = ("source", "multipart");

    [Fact]
    public async Task An_upload_and_a_refused_file_move_the_counters_by_what_they_did()
    {
        var api = service.Api;
        var png = TestFiles.Png(64, 48);
        var garbage = UploadFlowTests.RandomBytes(70_000, seed: 161);
        var before = await Scrape.TakeAsync(api.Client);

        var imported = await api.UploadAsync(png, "image", "pixel.png", "image/png");
        var refused = await api.UploadAsync(garbage, "image", "noise.png", "image/png");
        Assert.Equal("imported", imported.Status);
        Assert.Equal("failed", refused.Status);
        // The worker counts a step a moment after it commits the status the test saw.
        var after = await ScrapeUntilAsync(s => Delta(before, s, "scenario_uploads_job_step_duration_seconds_count", ("step", "import")) >= 1
            && Delta(before, s, "scenario_uploads_job_step_duration_seconds_count", ("step", "validate")) >= 2);

        Assert.Equal(2, Delta(before, after, "scenario_uploads_created_total", Image, Multipart));
        Assert.Equal(2, Delta(before, after, "scenario_uploads_completed_total", Image, Multipart));
        Assert.Equal(1, Delta(before, after, "scenario_uploads_imported_total", Image, Multipart));
        Assert.Equal(1, Delta(before, after, "scenario_uploads_failed_total", Image, Multipart, ("reason", "validation")));
        Assert.Equal(0, Delta(before, after, "scenario_uploads_failed_total", ("reason", "expired")));
        Assert.Equal(1, Delta(before, after, "scenario_uploads_validation_refused_total", Image, ("reason", "content")));
        Assert.Equal(0, Delta(before, after, "scenario_uploads_job_retries_total"));
        if (TestBackend.PartsGoThroughService)
        {
            Assert.Equal(png.Length + garbage.Length, Delta(before, after, "scenario_uploads_part_received_bytes_total"));
            Assert.Equal(2, Delta(before, after, "scenario_uploads_part_duration_seconds_count", ("outcome", "stored")));
        }
        else
        {
            // Clients PUT parts straight to S3: the service's part endpoint saw none of them.
            Assert.Equal(0, Delta(before, after, "scenario_uploads_part_duration_seconds_count"));
        }
        // ASP.NET Core's own meters ride along: the creates, completes and retrieves were all answered.
        Assert.True(Delta(before, after, "http_server_request_duration_seconds_count", ("http_route", "/v1/uploads/"), ("http_response_status_code", "200")) >= 2,
            after.Text);
    }

    [Fact]
    public async Task Each_write_of_an_upload_and_its_job_counts_one_repository_call()
    {
        var api = service.Api;
        // Another test's job may still be writing its end: count from a moment when every completed upload's job has ended.
        var before = await ScrapeUntilAsync(s => s.Sum("scenario_uploads_db_calls_total", ("db_operation_name", "IJobQueue.FinishAsync"))
            >= s.Sum("scenario_uploads_completed_total"));

        var imported = await api.UploadAsync(TestFiles.Png(32, 32), "image", "calls.png", "image/png");
        Assert.Equal("imported", imported.Status);
        // The job's end is written a moment after the imported status the test saw.
        var after = await ScrapeUntilAsync(s => Calls(before, s, "IJobQueue.FinishAsync") >= 1);

        // The chain of one file, as bench/run's case 8 counts it per file: one create, the part's two
        // writes (through the service only), complete, the validated and imported moves, the asset, the job's end.
        Assert.Equal(1, Calls(before, after, "IUploadRepository.CreateAsync") + Calls(before, after, "IUploadRepository.CreateOnceAsync"));
        Assert.Equal(TestBackend.PartsGoThroughService ? 1 : 0, Calls(before, after, "IUploadRepository.RecordPartAsync"));
        Assert.Equal(1, Calls(before, after, "IUploadRepository.CompleteAsync"));
        Assert.Equal(2, Calls(before, after, "IUploadRepository.TryUpdateAsync"));
        Assert.Equal(1, Calls(before, after, "IEntityRepository.CreateAssetIfAbsentAsync"));
        Assert.Equal(1, Calls(before, after, "IJobQueue.FinishAsync"));
        Assert.True(Calls(before, after, "IJobQueue.ClaimAsync") >= 1, after.Text);
    }

    private static double Calls(Scrape before, Scrape after, string operation) =>
        Delta(before, after, "scenario_uploads_db_calls_total", ("db_operation_name", operation));

    [Fact]
    public async Task The_job_queue_gauges_are_in_every_scrape_and_say_no_job_waits_once_all_ended()
    {
        var scrape = await Scrape.TakeAsync(service.Api.Client);

        Assert.True(scrape.Has("scenario_uploads_jobs_queued"), scrape.Text);
        Assert.True(scrape.Has("scenario_uploads_jobs_oldest_age_seconds"), scrape.Text);
        // Every upload this class made has ended: nothing waits for a worker.
        Assert.Equal(0, scrape.Sum("scenario_uploads_jobs_queued"));
        Assert.Equal(0, scrape.Sum("scenario_uploads_jobs_oldest_age_seconds"));
    }

    [Fact]
    public async Task The_scrape_passes_promtool_check_metrics()
    {
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists);
        if (promtool is null)
        {
            Assert.SkipWhen(Environment.GetEnvironmentVariable("SCENARIO_TEST_REQUIRE_SERVERS") != "1",
                "promtool is not installed (Debian package prometheus); bash scripts/test installs it.");
            Assert.Fail("promtool is not installed, and SCENARIO_TEST_REQUIRE_SERVERS=1 says scripts/test installed it.");
        }
        await service.Api.UploadAsync(TestFiles.Png(), "image", "lint.png", "image/png");
        var scrape = await Scrape.TakeAsync(service.Api.Client);

        var start = new ProcessStartInfo(promtool) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        using var run = Process.Start(start)!;
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        await run.StandardInput.WriteAsync(scrape.Text);
        run.StandardInput.Close();
        await run.WaitForExitAsync();

        Assert.True(run.ExitCode == 0, $"promtool exit {run.ExitCode}:\n{await output}{await error}\n--- scrape:\n{scrape.Text}");
        Assert.True(scrape.Has("scenario_uploads_created_total"), scrape.Text);
    }

    private static double Delta(Scrape before, Scrape after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);

    private async Task<Scrape> ScrapeUntilAsync(Func<Scrape, bool> settled)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var scrape = await Scrape.TakeAsync(service.Api.Client);
            if (settled(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }
            await Task.Delay(50);
        }
    }
}
