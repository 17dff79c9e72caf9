using Microsoft.Playwright;
using Scenario.Testing;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>What a person does on the upload page, in Playwright terms, and what they see.</summary>
public sealed class UploadPage(IPage page, ServiceHost host)
{
    private const float Patience = 180_000;

    public IPage Page { get; } = page;

    public async Task OpenAsync() => await Page.GotoAsync(host.BaseUrl.ToString());

    public async Task SignInAsync(string? apiKey = null, string? apiSecret = null)
    {
        await Page.FillAsync("#api-key", apiKey ?? host.ApiKey);
        await Page.FillAsync("#api-secret", apiSecret ?? host.ApiSecret);
        await Page.ClickAsync("#sign-in-button");
    }

    public async Task WaitForWorkspaceAsync() =>
        await Page.WaitForSelectorAsync("#workspace:not([hidden])", new() { Timeout = 30_000 });

    /// <summary>Drops files on the Dashboard as a drag from the desktop does: one drop event carrying them all.</summary>
    public async Task DropAsync(params string[] paths)
    {
        // Playwright hands local files to a file input; the drop then carries the same File objects.
        await Page.EvaluateAsync("() => { const i = document.createElement('input'); i.type = 'file'; i.multiple = true; i.id = 'test-drop-source'; i.hidden = true; document.body.append(i); }");
        await Page.SetInputFilesAsync("#test-drop-source", paths);
        await Page.EvaluateAsync("""
            () => {
              const source = document.getElementById('test-drop-source');
              const data = new DataTransfer();
              for (const file of source.files) data.items.add(file);
              const target = document.querySelector('.uppy-Dashboard-inner');
              for (const type of ['dragenter', 'dragover', 'drop']) {
                target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
              }
              source.remove();
            }
            """);
    }

    /// <summary>Through the Dashboard's "browse files" picker.</summary>
    public async Task PickAsync(params string[] paths) =>
        await Page.SetInputFilesAsync(".uppy-Dashboard-input >> nth=0", paths);

    public async Task WaitForDashboardFilesAsync(int count) =>
        await Page.WaitForFunctionAsync($"() => document.querySelectorAll('.uppy-Dashboard-Item').length === {count}", null, new() { Timeout = 30_000 });

    public async Task StartUploadAsync() => await Page.ClickAsync(".uppy-StatusBar-actionBtn--upload");

    /// <summary>The Dashboard's pause/resume button of the (only) file being sent.</summary>
    public async Task TogglePauseAsync() => await Page.ClickAsync("button.uppy-Dashboard-Item-progressIndicator");

    public ILocator Row(string name) => Page.Locator($"#tab-files tr[data-name='{name}']");

    public async Task<string?> StatusAsync(string name) => await Row(name).GetAttributeAsync("data-status");

    /// <summary>Waits until the file's row shows one of <paramref name="statuses"/>; returns the one it shows.</summary>
    public async Task<string> WaitForStatusAsync(string name, params string[] statuses)
    {
        var selector = string.Join(", ", statuses.Select(s => $"#tab-files tr[data-name='{name}'][data-status='{s}']"));
        await Page.WaitForSelectorAsync(selector, new() { Timeout = Patience });
        return (await StatusAsync(name))!;
    }

    /// <summary>Waits for imported or failed.</summary>
    public Task<string> WaitForEndAsync(string name) => WaitForStatusAsync(name, "imported", "failed", "cancelled");

    /// <summary>The fraction of the file sent, as the row's progress bar shows it.</summary>
    public async Task<double> ProgressAsync(string name)
    {
        var value = await Row(name).Locator("progress").GetAttributeAsync("value");
        return value is null ? 0 : double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) / 100;
    }

    public async Task WaitForProgressAsync(string name, double atLeast)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Patience);
        while (await ProgressAsync(name) < atLeast)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{name} did not pass {atLeast:P0}: its row says {await Row(name).InnerTextAsync()}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the recent list shows this upload (it refreshes every few seconds).</summary>
    public async Task<ILocator> RecentRowAsync(string uploadId)
    {
        var row = Page.Locator($"#recent tr[data-upload-id='{uploadId}']");
        await row.WaitForAsync(new() { Timeout = 30_000 });
        return row;
    }

    /// <summary>"Resume…" on a pending upload of the recent list, then the same file in the picker.</summary>
    public async Task ResumeAsync(string uploadId, string path)
    {
        var row = await RecentRowAsync(uploadId);
        var chooser = await Page.RunAndWaitForFileChooserAsync(() => row.Locator("button[data-action='resume']").ClickAsync());
        await chooser.SetFilesAsync(path);
    }

    public async Task ScreenshotAsync(string path) =>
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });

    /// <summary>The caller's uploads as the API lists them (newest first).</summary>
    public static async Task<IReadOnlyList<Upload>> ListUploadsAsync(ServiceHost host)
    {
        using var api = new UploadApi(host);
        return await api.ListAsync();
    }

    public static async Task<Upload> RetrieveAsync(ServiceHost host, string uploadId)
    {
        using var api = new UploadApi(host);
        return await api.RetrieveAsync(uploadId);
    }
}
