using Scenario.Testing;
using Scenario.Testing.Hubs;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>The third scenario: wrong credentials, an expired part URL, and an import.</summary>
public sealed class SignInAndRenewalTests(BrowserFixture browser)
{
    private const int MiB = 1024 * 1024;

    [Fact(Timeout = 120_000)]
    public async Task Wrong_credentials_get_a_clear_message_and_nothing_is_kept_in_the_browser()
    {
        await using var host = await ServiceHost.StartAsync();
        await using var tab = await browser.NewTabAsync();
        var page = new UploadPage(tab.Page, host);
        await page.OpenAsync();

        await page.SignInAsync(host.ApiKey, "not-the-secret");

        var error = tab.Page.Locator("#sign-in-error");
        await error.WaitForAsync();
        Assert.Contains("not accepted", await error.InnerTextAsync());
        Assert.True(await tab.Page.Locator("#workspace").IsHiddenAsync());
        Assert.Equal(0, await tab.Page.EvaluateAsync<int>("() => sessionStorage.length + localStorage.length"));
        Assert.Equal("", await tab.Page.EvaluateAsync<string>("() => document.cookie"));

        await page.SignInAsync();
        await page.WaitForWorkspaceAsync();
        // The right ones are kept for this tab only: never in a cookie, localStorage or the URL.
        Assert.Equal(0, await tab.Page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Equal("", await tab.Page.EvaluateAsync<string>("() => document.cookie"));
        Assert.DoesNotContain(host.ApiSecret, tab.Page.Url);
        Assert.Empty(tab.PolicyViolations);
    }

    [Fact(Timeout = 180_000)]
    public async Task An_expired_part_url_is_renewed_without_the_user_noticing()
    {
        await using var service = await CountedHost.StartAsync(new Dictionary<string, string> { ["Uploads:PartUrlLifetime"] = "00:00:03" });
        // 8 parts of 8 MiB at 8 MiB/s, at most 6 at once: the last ones start after the URLs from create expired.
        service.Proxy.BytesPerSecond = 8L * MiB;
        using var files = new BrowserFiles();
        const string name = "clip.bin";
        var path = files.WriteRandom(name, 64L * MiB, seed: 4);
        await using var tab = await browser.NewTabAsync();
        var page = new UploadPage(tab.Page, service.Host);
        await page.OpenAsync();
        await page.SignInAsync();
        await page.WaitForWorkspaceAsync();
        await page.PickAsync(path);
        await page.WaitForDashboardFilesAsync(1);

        await page.StartUploadAsync();

        Assert.Equal("imported", await page.WaitForEndAsync(name));
        var row = page.Row(name);
        Assert.True(int.Parse((await row.GetAttributeAsync("data-url-renewals"))!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(0, await row.Locator(".error").CountAsync());
        Assert.Equal(0, await tab.Page.Locator(".uppy-StatusBar.is-error").CountAsync());
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], service.Proxy.Puts.Where(p => p.Stored).Select(p => p.Number).Order());
        var upload = (await UploadPage.ListUploadsAsync(service.Host)).Single();
        Assert.Equal(BrowserFiles.Sha256(path), upload.Sha256);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_import_from_a_url_follows_its_job_to_the_imported_asset()
    {
        await using var standIn = await FileServerStandIn.StartAsync();
        var url = standIn.Add("rock.png", TestFiles.Png(16, 16), "image/png");
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Imports:AllowPrivateNetworks"] = "true" },
        });
        await using var tab = await browser.NewTabAsync();
        var page = new UploadPage(tab.Page, host);
        await page.OpenAsync();
        await page.SignInAsync();
        await page.WaitForWorkspaceAsync();

        await tab.Page.FillAsync("#import-value", url);
        await tab.Page.SelectOptionAsync("#import-kind", "image");
        await tab.Page.ClickAsync("#import-button");

        Assert.Equal("imported", await page.WaitForEndAsync("rock.png"));
        var upload = (await UploadPage.ListUploadsAsync(host)).Single();
        Assert.Equal("url", upload.Source);
        Assert.Contains(upload.EntityId!, await page.Row("rock.png").InnerTextAsync());
        Assert.Empty(tab.PolicyViolations);
    }
}
