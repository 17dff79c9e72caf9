using System.Net;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Resilience;

/// <summary>What a process killed mid-write leaves behind is cleaned up, and a new data directory holds no trap.</summary>
public sealed class LeftoverTests
{
    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task The_partial_file_of_an_import_killed_mid_download_is_swept_once_no_download_can_own_it()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Uploads:SweepInterval"] = "00:00:01", ["Imports:DownloadTimeout"] = "00:10:00" },
        });
        var folder = Path.Combine(host.DataDirectory, "blobs", "uploads");
        Directory.CreateDirectory(folder);
        var abandoned = Path.Combine(folder, "upload_x.0123456789abcdef.partial");
        var live = Path.Combine(folder, "upload_y.fedcba9876543210.partial");
        await File.WriteAllBytesAsync(abandoned, new byte[100]);
        await File.WriteAllBytesAsync(live, new byte[100]);
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddMinutes(-30));

        for (var i = 0; i < 50 && File.Exists(abandoned); i++)
        {
            await Task.Delay(100);
        }

        Assert.False(File.Exists(abandoned), "a leftover older than any download can last is deleted");
        Assert.True(File.Exists(live), "a download that may still be running keeps its file");
    }

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task The_first_parts_racing_on_a_brand_new_data_directory_are_all_stored()
    {
        for (var round = 0; round < 3; round++)
        {
            await using var host = await ServiceHost.StartAsync();
            using var api = new UploadApi(host);
            var uploads = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => api.CreateFor(new byte[1000], "asset", $"first{i}.bin", "application/octet-stream")));

            var answers = await Task.WhenAll(uploads.Select(u => api.PutPartAsync(u.Parts[0].Url!, new byte[1000])));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        }
    }
}
