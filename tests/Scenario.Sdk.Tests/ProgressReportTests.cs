using System.Net;
using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests;

/// <summary>How often progress is reported, and what a resume reports of the parts it found held.</summary>
public sealed class ProgressReportTests
{
    private const long MiB = 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static UploadFileOptions Options(List<UploadProgress> reports) => new()
    {
        Kind = UploadKind.Asset,
        PartSize = 5 * MiB,
        Progress = new LambdaProgress<UploadProgress>(r =>
        {
            lock (reports)
            {
                reports.Add(r);
            }
        }),
    };

    [Fact]
    public async Task Byte_counts_wait_for_the_interval_but_every_phase_is_reported_and_the_last_bytes_with_it()
    {
        using var file = new TempFile(21 * MiB);
        var reports = new List<UploadProgress>();
        using var client = TestClients.For(new FakeUploadServer());

        // An interval no test outlasts: only the changes of phase can get through, each exactly once.
        await client.Uploads.UploadFileAsync(file.Path, Options(reports) with { ProgressInterval = TimeSpan.FromDays(1) }, Ct);

        Assert.Equal(
            [UploadPhase.Creating, UploadPhase.Uploading, UploadPhase.Completing, UploadPhase.Processing, UploadPhase.Imported],
            reports.Select(r => r.Phase));
        var completing = reports.Single(r => r.Phase == UploadPhase.Completing);
        Assert.Equal(21 * MiB, completing.BytesSent);
        Assert.Equal(completing.PartsTotal, completing.PartsDone);
    }

    [Fact]
    public async Task With_no_interval_every_read_is_reported()
    {
        using var file = new TempFile(6 * MiB);
        var reports = new List<UploadProgress>();
        using var client = TestClients.For(new FakeUploadServer());

        await client.Uploads.UploadFileAsync(file.Path, Options(reports) with { ProgressInterval = TimeSpan.Zero, BufferSize = 128 * 1024 }, Ct);

        // 6 MiB in 128 KiB reads: 48 reads at least, each a report, besides the phases.
        Assert.True(reports.Count(r => r.Phase == UploadPhase.Uploading) >= 48, $"{reports.Count} reports");
    }

    [Fact]
    public async Task A_resume_reports_the_parts_held_apart_from_the_bytes_it_sends()
    {
        using var file = new TempFile(16 * MiB);
        var server = new FakeUploadServer { OnPut = n => n == 3 ? new HttpResponseMessage(HttpStatusCode.BadRequest) : null };
        var first = new List<UploadProgress>();
        using var client = TestClients.For(server);
        await Assert.ThrowsAsync<BadRequestException>(() => client.Uploads.UploadFileAsync(file.Path, Options(first) with { Concurrency = 1 }, Ct));
        var uploadId = first.First(r => r.UploadId is not null).UploadId!;
        server.OnPut = null;
        var resumed = new List<UploadProgress>();

        await client.Uploads.ResumeUploadAsync(uploadId, file.Path, Options(resumed), Ct);

        var plan = PartPlanner.Plan(16 * MiB, 5 * MiB);
        var last = resumed[^1];
        Assert.Equal(UploadPhase.Imported, last.Phase);
        Assert.Equal(2, last.PartsHeld);
        Assert.Equal(plan.SizeOf(1) + plan.SizeOf(2), last.BytesHeld);
        Assert.Equal(plan.PartsCount, last.PartsDone);
        Assert.Equal(16 * MiB, last.BytesSent);
    }
}
