using System.Net.Http.Json;
using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>The second scenario: pause and resume, then a reload mid-way and a resume of what is missing.</summary>
public sealed class ResumeTests(BrowserFixture browser)
{
    private const int MiB = 1024 * 1024;

    [Fact(Timeout = 300_000)]
    public async Task A_200_MiB_file_pauses_resumes_and_after_a_reload_sends_only_the_parts_the_service_lacks()
    {
        await using var service = await CountedHost.StartAsync();
        var host = service.Host;
        var proxy = service.Proxy;
        // Slow enough on loopback for a person's clicks to land mid-upload.
        proxy.BytesPerSecond = 30L * MiB;
        using var files = new BrowserFiles();
        const string name = "shot-042.bin";
        var path = files.WriteRandom(name, 200L * MiB, seed: 3);
        await using var tab = await browser.NewTabAsync();
        var page = new UploadPage(tab.Page, host);
        await page.OpenAsync();
        await page.SignInAsync();
        await page.WaitForWorkspaceAsync();
        await page.PickAsync(path);
        await page.WaitForDashboardFilesAsync(1);
        await page.StartUploadAsync();

        await page.WaitForProgressAsync(name, 0.15);
        await page.TogglePauseAsync();
        await page.WaitForStatusAsync(name, "paused");
        await Task.Delay(500);
        var begunWhenPaused = proxy.Puts.Count;
        await Task.Delay(2000);
        Assert.Equal(begunWhenPaused, proxy.Puts.Count);
        await page.TogglePauseAsync();
        await page.WaitForProgressAsync(name, 0.5);
        var uploadId = (await page.Row(name).GetAttributeAsync("data-upload-id"))!;

        await tab.Page.ReloadAsync();
        // Signed in still: the key and secret are kept for the tab, across reloads.
        await page.WaitForWorkspaceAsync();
        // Parts cut off by the reload are not held; give a part that was complete time to be recorded.
        await Task.Delay(1500);
        var pending = await UploadPage.RetrieveAsync(host, uploadId);
        Assert.Equal("pending", pending.Status);
        var partsCount = pending.PartsCount!.Value;
        var held = pending.Parts
            .Where(p => p.Uploaded).Select(p => p.Number).ToHashSet();
        Assert.InRange(held.Count, 1, partsCount - 1);
        var before = proxy.Puts.Count;

        await page.ResumeAsync(uploadId, path);

        Assert.Equal("imported", await page.WaitForEndAsync(name));
        var sent = proxy.PutsSince(before);
        Assert.All(sent, p => Assert.True(p.Stored, $"part {p.Number} answered {p.Status}"));
        Assert.Equal(Enumerable.Range(1, partsCount).Except(held).Order(), sent.Select(p => p.Number).Order());
        // The parts sent before the reload were checked against the file (their XXH128 or MD5), not trusted blindly.
        Assert.Equal(held.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Row(name).GetAttributeAsync("data-parts-verified"));
        var done = await UploadPage.RetrieveAsync(host, uploadId);
        Assert.Equal(BrowserFiles.Sha256(path), done.Sha256);
        Assert.Empty(tab.PolicyViolations);
    }

    [Fact(Timeout = 120_000)]
    public async Task Another_file_of_the_same_name_and_size_is_refused_before_any_part_is_sent()
    {
        await using var host = await ServiceHost.StartAsync();
        using var files = new BrowserFiles();
        const string name = "layout.bin";
        var original = File.ReadAllBytes(files.WriteRandom(name, 12L * MiB, seed: 7));
        // Begun by another client: its first part of 8 MiB is held.
        using var client = host.CreateClient();
        using var created = await client.PostAsJsonAsync("v1/uploads", new
        {
            fileName = name, contentType = "application/octet-stream", fileSize = original.Length, parts = 2, kind = "asset",
        });
        var upload = Upload.Parse(await created.Content.ReadAsStringAsync());
        var uploadId = upload.Id;
        using (var anonymous = ServiceHost.CreateAnonymousClient())
        {
            var part1 = upload.Parts[0].Url!;
            (await anonymous.PutAsync(part1, new ByteArrayContent(original, 0, 8 * MiB))).EnsureSuccessStatusCode();
        }
        // The same name and size, other bytes.
        var other = files.WriteRandom(name, 12L * MiB, seed: 8);
        await using var tab = await browser.NewTabAsync();
        var page = new UploadPage(tab.Page, host);
        await page.OpenAsync();
        await page.SignInAsync();
        await page.WaitForWorkspaceAsync();

        await page.ResumeAsync(uploadId, other);

        Assert.Equal("failed", await page.WaitForEndAsync(name));
        Assert.Contains("differs from the one", await page.Row(name).InnerTextAsync());
        var after = await UploadPage.RetrieveAsync(host, uploadId);
        Assert.Equal("pending", after.Status);
        Assert.False(after.Parts[1].Uploaded);
        Assert.Equal(1, after.Parts.Count(p => p.Uploaded));
    }
}
