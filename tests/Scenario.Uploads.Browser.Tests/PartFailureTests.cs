using Scenario.Testing;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>What the page does on its own when a part fails, and what cancel means.</summary>
public sealed class PartFailureTests(BrowserFixture browser)
{
    private const int MiB = 1024 * 1024;

    [Fact(Timeout = 120_000)]
    public async Task A_part_refused_as_busy_is_sent_again_after_the_wait_it_asks_for()
    {
        await using var service = await CountedHost.StartAsync();
        service.Proxy.RefuseOnce(2, 503);
        using var files = new BrowserFiles();
        const string name = "busy.bin";
        var path = files.WriteRandom(name, 24L * MiB, seed: 5);
        await using var tab = await browser.NewTabAsync();
        var page = await SignedInAsync(tab, service.Host);
        await page.PickAsync(path);
        await page.WaitForDashboardFilesAsync(1);

        await page.StartUploadAsync();

        Assert.Equal("imported", await page.WaitForEndAsync(name));
        Assert.Equal([503, 200], service.Proxy.Puts.Where(p => p.Number == 2).Select(p => p.Status ?? -1));
        Assert.Equal(0, await page.Row(name).Locator(".error").CountAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task Removing_a_file_mid_upload_aborts_its_upload_and_the_service_deletes_its_bytes()
    {
        await using var service = await CountedHost.StartAsync();
        service.Proxy.BytesPerSecond = 8L * MiB;
        using var files = new BrowserFiles();
        const string name = "mistake.bin";
        var path = files.WriteRandom(name, 64L * MiB, seed: 6);
        await using var tab = await browser.NewTabAsync();
        var page = await SignedInAsync(tab, service.Host);
        await page.PickAsync(path);
        await page.WaitForDashboardFilesAsync(1);
        await page.StartUploadAsync();
        await page.WaitForProgressAsync(name, 0.1);
        var uploadId = (await page.Row(name).GetAttributeAsync("data-upload-id"))!;

        await tab.Page.ClickAsync(".uppy-Dashboard-Item-action--remove");

        Assert.Equal("cancelled", await page.WaitForStatusAsync(name, "cancelled"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await UploadPage.RetrieveAsync(service.Host, uploadId)).Status != "failed")
        {
            Assert.True(DateTime.UtcNow < deadline, "the upload was not aborted");
            await Task.Delay(100);
        }
        Assert.True(await StoredBytes.GoneSoonAsync(service.Host, uploadId), "an aborted upload's bytes are deleted");
    }

    private static async Task<UploadPage> SignedInAsync(BrowserTab tab, ServiceHost host)
    {
        var page = new UploadPage(tab.Page, host);
        await page.OpenAsync();
        await page.SignInAsync();
        await page.WaitForWorkspaceAsync();
        return page;
    }
}
