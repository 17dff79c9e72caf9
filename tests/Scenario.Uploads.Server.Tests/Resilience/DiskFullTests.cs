using System.Diagnostics;
using System.Net;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Resilience;

/// <summary>
/// The disk filling up mid-part is the server's event: a clear, retryable 507 with Retry-After, the part
/// not recorded, the connection answered; and the service takes the part once space is freed. Runs on a
/// small tmpfs, which needs root (scripts/test runs as root; elsewhere the test skips).
/// </summary>
public sealed class DiskFullTests
{
    private const int MiB = 1024 * 1024;

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_full_disk_is_507_at_create_and_mid_part_and_the_part_goes_in_once_space_is_freed()
    {
        var mount = TempDirectory.Create();
        var database = TempDirectory.Create();
        if (!Run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount))
        {
            TempDirectory.TryDelete(mount);
            TempDirectory.TryDelete(database);
            Assert.Skip("Mounting a tmpfs needs root.");
        }
        try
        {
            await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
            {
                DataDirectory = mount,
                // Only the blobs on the small disk: the database, elsewhere, keeps working.
                Settings = new Dictionary<string, string>
                {
                    ["Database:Provider"] = "Sqlite",
                    ["Database:ConnectionString"] = $"Data Source={Path.Combine(database, "uploads.db")}",
                    ["Storage:Provider"] = "Local",
                    // No reserve: the part meets the disk's own ENOSPC mid-write (DiskFullCycleTests has the reserve).
                    ["Storage:ReservedSpace"] = "0",
                },
            });
            using var api = new UploadApi(host);
            var tooBig = await api.PostJsonAsync("v1/uploads",
                """{"fileName":"huge.bin","contentType":"application/octet-stream","fileSize":104857600,"parts":10,"kind":"asset"}""");
            await ProblemAssert.IsProblem(tooBig, HttpStatusCode.InsufficientStorage, "insufficient_storage");
            Assert.Equal(TimeSpan.FromSeconds(60), tooBig.Headers.RetryAfter?.Delta);
            var bytes = UploadFlowTests.RandomBytes(16 * MiB, seed: 72);
            var upload = await api.CreateFor(bytes, "asset", "full.bin", "application/octet-stream", parts: 2);
            var id = upload.Id;
            var filler = Path.Combine(mount, "filler");
            await File.WriteAllBytesAsync(filler, new byte[(int)new DriveInfo(mount).AvailableFreeSpace - (2 * MiB)]);

            var full = await api.PutPartAsync(upload.Parts[0].Url!, bytes.AsMemory(0, 8 * MiB));

            var problem = await ProblemAssert.IsProblem(full, HttpStatusCode.InsufficientStorage, "insufficient_storage");
            Assert.Equal(TimeSpan.FromSeconds(60), full.Headers.RetryAfter?.Delta);
            Assert.Contains("not stored", problem.Detail);
            Assert.False((await api.RetrieveAsync(id)).Parts[0].Uploaded);

            File.Delete(filler);
            await api.PutPartsAsync(upload, bytes, partSize: 8 * MiB);
            await api.CompleteAsync(id);
            Assert.Equal(UploadApi.Sha256(bytes), (await api.WaitForEndAsync(id)).Sha256);
        }
        finally
        {
            Run("umount", "-l", mount);
            TempDirectory.TryDelete(mount);
            TempDirectory.TryDelete(database);
        }
    }

    private static bool Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
