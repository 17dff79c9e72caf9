using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>
/// axe-core (Deque's engine, as its Playwright binding injects it) on the upload page signed out, signed in with a
/// pending upload in the recent list, and while a file is being sent: no serious or critical violation in the page's
/// own markup. Uppy's Dashboard markup the page cannot change is excluded by selector, each listed in the README
/// ("From a browser") with why.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser)
{
    private const int MiB = 1024 * 1024;

    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>
    /// Uppy's own markup with violations the page cannot fix, by rule and selector (README, "From a browser"):
    /// with one file, Uppy's Dashboard drops the list role from its file list but keeps each file's "listitem".
    /// </summary>
    private static readonly (string Rule, string Selector)[] UppyOwn = [("aria-required-parent", ".uppy-Dashboard-Item")];

    [Fact(Timeout = 180_000)]
    public async Task The_page_has_no_serious_or_critical_violations_signed_out_signed_in_or_uploading()
    {
        await using var service = await CountedHost.StartAsync();
        // Slow enough that the upload is still under way while axe looks at the page.
        service.Proxy.BytesPerSecond = 2L * MiB;
        using (var client = service.Host.CreateClient())
        {
            var created = await client.PostAsync("v1/uploads", new StringContent(
                """{"fileName":"waiting.png","contentType":"image/png","fileSize":1024,"parts":1,"kind":"image"}""", Encoding.UTF8, "application/json"));
            created.EnsureSuccessStatusCode();
        }
        using var files = new BrowserFiles();
        var path = files.WriteRandom("axe.bin", 24L * MiB, seed: 7);
        await using var tab = await browser.NewTabAsync();
        var page = new UploadPage(tab.Page, service.Host);
        var found = new List<string>();

        await page.OpenAsync();
        await tab.Page.WaitForSelectorAsync("#sign-in:not([hidden])");
        found.AddRange(await ViolationsAsync(tab.Page, "signed out"));

        await page.SignInAsync();
        await page.WaitForWorkspaceAsync();
        await tab.Page.WaitForSelectorAsync("#recent tbody tr[data-upload-id]", new() { Timeout = 30_000 });
        found.AddRange(await ViolationsAsync(tab.Page, "signed in"));

        await page.PickAsync(path);
        await page.WaitForDashboardFilesAsync(1);
        await page.StartUploadAsync();
        await page.WaitForProgressAsync("axe.bin", 0.05);
        found.AddRange(await ViolationsAsync(tab.Page, "uploading"));
        Assert.Equal("uploading", await page.StatusAsync("axe.bin"));

        Assert.True(found.Count == 0, $"axe-core found serious or critical violations:\n{string.Join('\n', found)}");
    }

    private static async Task<List<string>> ViolationsAsync(IPage page, string state)
    {
        var result = await page.RunAxe();
        var found = new List<string>();
        foreach (var (rule, node) in result.Violations.SelectMany(v => v.Nodes.Select(n => (v, n))))
        {
            var impact = node.Impact ?? rule.Impact;
            if (Blocking.Contains(impact) && !await IsUppyOwnAsync(page, rule.Id, node.Target.Selector))
            {
                found.Add($"{state}: {rule.Id} ({impact}) at {node.Target}: {rule.Help}\n    {node.Html}");
            }
        }
        return found;
    }

    private static async Task<bool> IsUppyOwnAsync(IPage page, string rule, string target)
    {
        foreach (var own in UppyOwn.Where(o => o.Rule == rule))
        {
            if (await page.EvaluateAsync<bool>("([target, own]) => document.querySelector(target)?.matches(own) ?? false", new[] { target, own.Selector }))
            {
                return true;
            }
        }
        return false;
    }
}
