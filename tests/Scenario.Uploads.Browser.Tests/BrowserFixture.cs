using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Scenario.Uploads.Browser.Tests.BrowserFixture))]
// Each test moves up to 240 MiB through a browser and the service on 2 cores: one at a time keeps them honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Scenario.Uploads.Browser.Tests;

/// <summary>
/// One headless Chromium for the whole run: Debian's <c>/usr/bin/chromium</c> (scripts/test installs it),
/// driven by Playwright's own driver from the NuGet package. Playwright never downloads a browser here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // The flags this machine needs: no sandbox as root, and no background connections, which its closed
    // network refuses (many at a time) and which slow every start.
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium), as bash scripts/test does.");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Flags,
        });
    }

    /// <summary>A fresh tab in a fresh profile (its own sessionStorage), with what its console said.</summary>
    public async Task<BrowserTab> NewTabAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        var page = await context.NewPageAsync();
        var tab = new BrowserTab(context, page);
        page.Console += (_, message) => tab.Console.Enqueue($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => tab.Console.Enqueue($"pageerror: {error}");
        // A reload while an upload runs asks "leave the page?": the user says yes.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return tab;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>A browser tab and everything its console printed.</summary>
public sealed class BrowserTab(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public System.Collections.Concurrent.ConcurrentQueue<string> Console { get; } = new();

    /// <summary>What the Content-Security-Policy refused: nothing, when the page keeps to its own policy.</summary>
    public IReadOnlyList<string> PolicyViolations => Console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)).ToList();

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
