using System.Net.Http.Json;
using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>The first scenario: several files dropped at once, each followed to its end on the page.</summary>
public sealed class DroppedFilesTests(BrowserFixture browser)
{
    private const int MiB = 1024 * 1024;

    [Fact(Timeout = 300_000)]
    public async Task Three_files_dropped_at_once_end_imported_with_their_entity_or_failed_with_the_services_message()
    {
        await using var host = await ServiceHost.StartAsync();
        using var files = new BrowserFiles();
        var png = files.WriteLargePng("poster.png", 40 * MiB, seed: 1);
        var glb = files.Write("chair.glb", TestFiles.Glb());
        // Random bytes named as an image: the browser says image/png, the service's validation says otherwise.
        var noise = files.WriteRandom("noise.png", 3 * MiB, seed: 2);
        await using var tab = await browser.NewTabAsync();
        var page = new UploadPage(tab.Page, host);
        await page.OpenAsync();
        await page.SignInAsync();
        await page.WaitForWorkspaceAsync();

        await page.DropAsync(png, glb, noise);
        await page.WaitForDashboardFilesAsync(3);
        await page.StartUploadAsync();

        Assert.Equal("imported", await page.WaitForEndAsync("poster.png"));
        Assert.Equal("imported", await page.WaitForEndAsync("chair.glb"));
        Assert.Equal("failed", await page.WaitForEndAsync("noise.png"));
        var uploads = await UploadPage.ListUploadsAsync(host);
        foreach (var (name, path, kind) in new[] { ("poster.png", png, "image"), ("chair.glb", glb, "3d") })
        {
            var upload = uploads.Single(u => u.FileName == name);
            Assert.Equal("imported", upload.Status);
            Assert.Equal(kind, upload.Kind);
            Assert.Equal(BrowserFiles.Sha256(path), upload.Sha256);
            var row = await page.Row(name).InnerTextAsync();
            Assert.Contains(upload.EntityId!, row);
            Assert.Contains("Download", row);
        }
        var refused = uploads.Single(u => u.FileName == "noise.png");
        Assert.Equal("image", refused.Kind);
        var message = refused.ErrorMessage!;
        Assert.Contains(message, await page.Row("noise.png").InnerTextAsync());
        Assert.Empty(tab.PolicyViolations);

        // The screenshot for the README: imported, failed, and one pending that waits for its file.
        using var client = host.CreateClient();
        using var pending = await client.PostAsJsonAsync("v1/uploads", new
        {
            fileName = "take-07.mov", contentType = "video/quicktime", fileSize = 96 * MiB, parts = 12, kind = "video",
        });
        var pendingId = (await UploadApi.UploadOf(pending)).Id;
        await page.RecentRowAsync(pendingId);
        await page.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "upload-page.png"));
    }
}
