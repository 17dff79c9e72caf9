using System.Text.Json;
using Microsoft.Playwright;
using Scenario.Testing;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>
/// The page built with stock <c>@uppy/core</c> and <c>@uppy/tus</c> (UppyTusPage/main.js), served by a
/// <see cref="StaticSite"/>: the test starts its Uppy with the Tus plugin's options, picks files, and reads back
/// what the page's script saw (the uploads' ends and the tus headers it could read from each answer).
/// </summary>
public sealed class StockUppyPage(IPage page)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Where the test project's build bundles the page (UppyTusPage/UppyTusPage.targets).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "uppy-tus-page");

    public async Task OpenAsync(StaticSite site) => await page.GotoAsync(site.Origin + "/");

    /// <summary>
    /// Uppy with the Tus plugin at <c>{api}/v1/tus</c> and the test key in the Authorization header;
    /// <paramref name="afterChunk"/> pauses (<c>pause</c>) or removes (<c>remove</c>) the files when that many chunks are in.
    /// </summary>
    public async Task StartAsync(string apiOrigin, long? chunkSize = null, (string Action, int Count)? afterChunk = null) =>
        await page.EvaluateAsync("options => window.start(options)", new
        {
            endpoint = apiOrigin.TrimEnd('/') + "/v1/tus",
            apiKey = TestKeys.ApiKey,
            apiSecret = TestKeys.ApiSecret,
            chunkSize,
            afterChunk = afterChunk is { } step ? new { action = step.Action, count = step.Count } : null,
        });

    public async Task PickAsync(params string[] paths) => await page.SetInputFilesAsync("#files", paths);

    public async Task ResumeAllAsync() => await page.EvaluateAsync("() => window.uppy.resumeAll()");

    /// <summary>Waits until <paramref name="files"/> uploads ended, in success or error.</summary>
    public async Task<PageReport> WaitForEndAsync(int files) =>
        await WaitForAsync("n => report.succeeded.length + report.failed.length >= n", files);

    /// <summary>Waits until the page's own step (pause, remove) was taken, or an upload failed before it.</summary>
    public async Task<PageReport> WaitForStepAsync() => await WaitForAsync("() => report.stepped !== undefined || report.failed.length > 0");

    /// <summary>Waits until the page's script received an answer to a request of this method, or an upload failed.</summary>
    public async Task<PageReport> WaitForResponseAsync(string method) =>
        await WaitForAsync("m => report.responses.some(r => r.method === m) || report.failed.length > 0", method);

    public async Task<PageReport> ReportAsync() =>
        JsonSerializer.Deserialize<PageReport>(await page.EvaluateAsync<string>("() => JSON.stringify(window.report)"), Json)!;

    private async Task<PageReport> WaitForAsync(string condition, object? argument = null)
    {
        await page.WaitForFunctionAsync(condition, argument, new() { Timeout = 60_000 });
        return await ReportAsync();
    }
}
