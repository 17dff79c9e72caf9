using Scenario.Testing;
using Scenario.Uploads.Server.Tests.Telemetry;

namespace Scenario.Uploads.Server.Tests.Hashing;

/// <summary>
/// The SHA-256 taken while parts arrive (local disk): each test runs its own service process, whose
/// <c>scenario_uploads_sha256_hashed_bytes_total</c> counts only its own reads, by phase.
/// </summary>
public sealed class ReceivedHashTests
{
    private const int MiB = 1024 * 1024;
    private const string Hashed = "scenario_uploads_sha256_hashed_bytes_total";

    [Fact]
    public async Task Parts_sent_in_order_are_hashed_as_they_land_and_complete_reads_none_of_them_again()
    {
        SkipUnlessPartsGoThroughService();
        await using var service = await StartAsync();
        using var api = new UploadApi(service.Process);
        var bytes = UploadFlowTests.RandomBytes(3 * 5 * MiB + 4321, seed: 181);
        var upload = await api.CreateFor(bytes, "asset", "in-order.bin", "application/octet-stream", parts: 4);
        foreach (var part in new[] { 1, 2, 3, 4 })
        {
            await api.PutPartsAsync(upload, bytes, order: [part], partSize: 5 * MiB);
        }
        await WaitForHashedAsync(api, UploadsPhase.Receiving, bytes.Length);

        var id = upload.Id;
        await api.CompleteAsync(id);
        var done = await api.WaitForEndAsync(id);

        Assert.Equal("imported", done.Status);
        Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
        var scrape = await Scrape.TakeAsync(api.Client);
        Assert.Equal(bytes.Length, scrape.Sum(Hashed, UploadsPhase.Receiving));
        Assert.Equal(0, scrape.Sum(Hashed, UploadsPhase.Validation));
    }

    [Fact]
    public async Task A_part_sent_again_with_other_bytes_after_the_hash_passed_it_gives_the_sha256_of_the_new_bytes()
    {
        SkipUnlessPartsGoThroughService();
        await using var service = await StartAsync();
        using var api = new UploadApi(service.Process);
        var first = UploadFlowTests.RandomBytes(3 * 5 * MiB, seed: 182);
        var upload = await api.CreateFor(first, "asset", "again.bin", "application/octet-stream", parts: 3);
        await api.PutPartsAsync(upload, first);
        await WaitForHashedAsync(api, UploadsPhase.Receiving, first.Length);

        // Part 2 again, other bytes of the same size: the hash has already read the old ones.
        var second = (byte[])first.Clone();
        UploadFlowTests.RandomBytes(5 * MiB, seed: 183).CopyTo(second, 5 * MiB);
        await api.PutPartsAsync(upload, second, order: [2]);
        var id = upload.Id;
        await api.CompleteAsync(id);
        var done = await api.WaitForEndAsync(id);

        Assert.Equal("imported", done.Status);
        Assert.Equal(UploadApi.Sha256(second), done.Sha256);
        Assert.NotEqual(UploadApi.Sha256(first), done.Sha256);
    }

    [Fact]
    public async Task After_a_crash_the_hash_resumes_from_its_checkpoint_instead_of_reading_the_file_again()
    {
        SkipUnlessPartsGoThroughService();
        var dataDirectory = TempDirectory.Create();
        try
        {
            // 32 MiB parts: the hash saves a checkpoint once 64 MiB are behind it, here after part 2.
            var bytes = UploadFlowTests.RandomBytes(3 * 32 * MiB, seed: 184);
            // One port for both: the part URLs signed by the first are used against the second.
            var port = FreePort.Next();
            Upload upload;
            await using (var doomed = await StartAsync(dataDirectory, port))
            {
                using var api = new UploadApi(doomed.Process);
                upload = await api.CreateFor(bytes, "asset", "crash.bin", "application/octet-stream", parts: 3);
                await api.PutPartsAsync(upload, bytes, order: [1]);
                await api.PutPartsAsync(upload, bytes, order: [2]);
                await WaitForHashedAsync(api, UploadsPhase.Receiving, 64 * MiB);
                doomed.Process.Kill();
                await doomed.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }

            await using var survivor = await StartAsync(dataDirectory, port);
            using var again = new UploadApi(survivor.Process);
            await again.PutPartsAsync(upload, bytes, order: [3]);
            var id = upload.Id;
            await again.CompleteAsync(id);
            var done = await again.WaitForEndAsync(id);

            Assert.Equal("imported", done.Status);
            Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
            // This process read only part 3: parts 1 and 2 came from the checkpoint the other one left.
            var scrape = await Scrape.TakeAsync(again.Client);
            Assert.Equal(32 * MiB, scrape.Sum(Hashed, UploadsPhase.Receiving) + scrape.Sum(Hashed, UploadsPhase.Validation));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(dataDirectory, "hashing")));
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task With_hashing_while_receiving_off_validation_reads_the_whole_file()
    {
        SkipUnlessPartsGoThroughService();
        await using var service = await StartAsync(settings: new Dictionary<string, string> { ["Uploads:HashWhileReceiving"] = "false" });
        using var api = new UploadApi(service.Process);
        var bytes = UploadFlowTests.RandomBytes(6 * MiB, seed: 185);

        var done = await api.UploadAsync(bytes, "asset", "off.bin", "application/octet-stream", parts: 1);

        Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
        var scrape = await Scrape.TakeAsync(api.Client);
        Assert.Equal(0, scrape.Sum(Hashed, UploadsPhase.Receiving));
        Assert.Equal(bytes.Length, scrape.Sum(Hashed, UploadsPhase.Validation));
    }

    private static class UploadsPhase
    {
        public static readonly (string, string) Receiving = ("phase", "receiving");
        public static readonly (string, string) Validation = ("phase", "validation");
    }

    private static void SkipUnlessPartsGoThroughService() =>
        Assert.SkipUnless(TestBackend.PartsGoThroughService, "Parts go straight to S3 on this backend: the service never sees their bytes.");

    private static async Task WaitForHashedAsync(UploadApi api, (string, string) phase, long bytes)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var scrape = await Scrape.TakeAsync(api.Client);
            var hashed = scrape.Sum(Hashed, phase);
            if (hashed >= bytes)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Only {hashed} of {bytes} bytes hashed:\n{scrape.Text}");
            await Task.Delay(50);
        }
    }

    private static async Task<OwnedService> StartAsync(string? dataDirectory = null, int? port = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var owned = dataDirectory is null;
        dataDirectory ??= TempDirectory.Create();
        var backend = new Dictionary<string, string>(await TestBackend.CreateSettingsAsync());
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            backend[key] = value;
        }
        return new OwnedService(await ServiceProcess.StartAsync(dataDirectory, port ?? FreePort.Next(), backend), owned ? dataDirectory : null);
    }

    /// <summary>A service process, and the data directory it is the only user of (deleted with it).</summary>
    private sealed class OwnedService(ServiceProcess process, string? ownedDirectory) : IAsyncDisposable
    {
        public ServiceProcess Process { get; } = process;

        public async ValueTask DisposeAsync()
        {
            await Process.DisposeAsync();
            if (ownedDirectory is not null)
            {
                TempDirectory.TryDelete(ownedDirectory);
            }
        }
    }
}
