using Scenario.Testing;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>
/// Issue 25's page: a page of someone else's built with stock <c>@uppy/core</c> and <c>@uppy/tus</c> uploads to
/// <c>/v1/tus</c> from another origin (its own loopback server, named in <c>Cors:AllowedOrigins</c>), so every
/// request it makes crosses origins as from a real web app: the preflights, and the tus headers its script reads.
/// </summary>
public sealed class UppyTusTests(BrowserFixture browser)
{
    private const int MiB = 1024 * 1024;
    private static readonly string[] TusAnswerHeaders = ["location", "upload-offset", "upload-length", "tus-resumable"];

    [Fact(Timeout = 120_000)]
    public async Task A_png_sent_by_stock_uppy_tus_from_another_origin_is_imported_with_its_name_and_sha256()
    {
        await using var site = await StaticSite.StartAsync(StockUppyPage.Folder);
        await using var host = await StartServiceAsync(site);
        using var files = new BrowserFiles();
        var path = files.Write("sunset.png", TestFiles.Png(64, 48));
        await using var tab = await browser.NewTabAsync();
        var page = new StockUppyPage(tab.Page);
        await page.OpenAsync(site);
        await page.StartAsync(host.BaseUrl.ToString());

        await page.PickAsync(path);

        var report = await page.WaitForEndAsync(1);
        Assert.Empty(report.Failed);
        var sent = Assert.Single(report.Succeeded);
        Assert.StartsWith($"{host.BaseUrl}v1/tus/", sent.Url);
        var upload = await WaitForEndAsync(host, sent.UploadId);
        Assert.Equal("imported", upload.Status);
        Assert.Equal("sunset.png", upload.FileName);
        Assert.Equal("image/png", upload.ContentType);
        Assert.Equal("image", upload.Kind);
        Assert.Equal(BrowserFiles.Sha256(path), upload.Sha256);
    }

    [Fact(Timeout = 120_000)]
    public async Task With_a_chunk_size_of_1_MiB_a_3_MiB_png_goes_in_three_patches_and_is_imported_whole()
    {
        await using var site = await StaticSite.StartAsync(StockUppyPage.Folder);
        await using var host = await StartServiceAsync(site);
        using var files = new BrowserFiles();
        var path = files.WriteLargePng("scan.png", 3L * MiB, seed: 25);
        await using var tab = await browser.NewTabAsync();
        var page = new StockUppyPage(tab.Page);
        await page.OpenAsync(site);
        await page.StartAsync(host.BaseUrl.ToString(), chunkSize: MiB);

        await page.PickAsync(path);

        var report = await page.WaitForEndAsync(1);
        Assert.Empty(report.Failed);
        var patches = report.Responses.Where(r => r.Method == "PATCH").ToList();
        Assert.All(patches, p => Assert.Equal(204, p.Status));
        Assert.Equal(["1048576", "2097152", "3145728"], patches.Select(p => p.Offset));
        var upload = await WaitForEndAsync(host, Assert.Single(report.Succeeded).UploadId);
        Assert.Equal("imported", upload.Status);
        Assert.Equal("scan.png", upload.FileName);
        Assert.Equal(3L * MiB, upload.FileSize);
        Assert.Equal(BrowserFiles.Sha256(path), upload.Sha256);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_page_on_another_origin_has_its_preflights_answered_and_reads_the_tus_headers_through_a_pause_and_resume()
    {
        await using var site = await StaticSite.StartAsync(StockUppyPage.Folder);
        await using var host = await StartServiceAsync(site);
        // In front of the API, to see on the server's side what the browser sent and was answered, preflights included.
        await using var proxy = await PartCountingProxy.StartAsync(FreePort.Next(), host.BaseUrl.ToString().TrimEnd('/'));
        using var files = new BrowserFiles();
        var path = files.WriteLargePng("dusk.png", 3L * MiB, seed: 26);
        await using var tab = await browser.NewTabAsync();
        var page = new StockUppyPage(tab.Page);
        await page.OpenAsync(site);
        await page.StartAsync(proxy.Origin, chunkSize: MiB, afterChunk: ("pause", 1));
        await page.PickAsync(path);
        var paused = await page.WaitForStepAsync();
        Assert.Empty(paused.Failed);
        Assert.Equal("pause", paused.Stepped);

        await page.ResumeAllAsync();

        var report = await page.WaitForEndAsync(1);
        Assert.Empty(report.Failed);
        var sent = Assert.Single(report.Succeeded);
        // The script read every header tus-js-client needs: Location to go on, Upload-Offset to know where.
        Assert.Equal(["POST", "PATCH", "HEAD", "PATCH", "PATCH"], report.Responses.Select(r => r.Method));
        Assert.Equal(sent.Url, report.Responses[0].Location);
        Assert.Equal(["1048576", "1048576", "2097152", "3145728"], report.Responses.Skip(1).Select(r => r.Offset));
        Assert.All(report.Responses, r => Assert.Equal("1.0.0", r.Resumable));
        Assert.DoesNotContain(tab.Console, m => m.Contains("unsafe header", StringComparison.OrdinalIgnoreCase) || m.Contains("CORS", StringComparison.Ordinal));
        AssertPreflightsAnswered(proxy, site.Origin);
        AssertAnswersExposeTusHeaders(proxy, site.Origin);
        var upload = await WaitForEndAsync(host, sent.UploadId);
        Assert.Equal("imported", upload.Status);
        Assert.Equal(BrowserFiles.Sha256(path), upload.Sha256);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_file_removed_from_uppy_mid_upload_is_terminated_by_a_cross_origin_delete()
    {
        await using var site = await StaticSite.StartAsync(StockUppyPage.Folder);
        await using var host = await StartServiceAsync(site);
        await using var proxy = await PartCountingProxy.StartAsync(FreePort.Next(), host.BaseUrl.ToString().TrimEnd('/'));
        using var files = new BrowserFiles();
        var path = files.WriteLargePng("draft.png", 3L * MiB, seed: 27);
        await using var tab = await browser.NewTabAsync();
        var page = new StockUppyPage(tab.Page);
        await page.OpenAsync(site);
        await page.StartAsync(proxy.Origin, chunkSize: MiB, afterChunk: ("remove", 1));

        await page.PickAsync(path);

        var report = await page.WaitForResponseAsync("DELETE");
        Assert.Empty(report.Failed);
        Assert.Equal(["POST", "PATCH", "DELETE"], report.Responses.Select(r => r.Method));
        var deleted = report.Responses[2];
        Assert.Equal(204, deleted.Status);
        Assert.Equal("1.0.0", deleted.Resumable);
        Assert.Empty(report.Succeeded);
        var delete = Assert.Single(proxy.Exchanges, e => e.Method == "DELETE");
        Assert.Equal(site.Origin, delete.Origin);
        Assert.Equal(site.Origin, delete.Answered("Access-Control-Allow-Origin"));
        AssertPreflightsAnswered(proxy, site.Origin);
        var upload = await UploadPage.RetrieveAsync(host, report.Responses[0].Location!.Split('/')[^1]);
        Assert.Equal("failed", upload.Status);
    }

    private static Task<ServiceHost> StartServiceAsync(StaticSite site) =>
        ServiceHost.StartAsync(new ServiceHostOptions { Settings = new Dictionary<string, string> { ["Cors:AllowedOrigins:0"] = site.Origin } });

    private static async Task<Upload> WaitForEndAsync(ServiceHost host, string uploadId)
    {
        using var api = new UploadApi(host);
        return await api.WaitForEndAsync(uploadId);
    }

    /// <summary>
    /// Every preflight the page's requests needed was answered for its origin, allowing each header asked; the
    /// ones for an upload's URL allow all the methods tus uses there (the browser keeps one answer per URL for a
    /// while, so the HEAD and DELETE that follow a PATCH may ask no preflight of their own).
    /// </summary>
    private static void AssertPreflightsAnswered(PartCountingProxy proxy, string origin)
    {
        var preflights = proxy.Exchanges.Where(e => e.IsPreflight).ToList();
        Assert.Contains(preflights, p => p.Path == "/v1/tus" && p.Asked("Access-Control-Request-Method") == "POST");
        Assert.Contains(preflights, p => p.Path.StartsWith("/v1/tus/", StringComparison.Ordinal) && p.Asked("Access-Control-Request-Method") == "PATCH");
        foreach (var preflight in preflights)
        {
            Assert.Equal(origin, preflight.Origin);
            Assert.Equal(204, preflight.Status);
            Assert.Equal(origin, preflight.Answered("Access-Control-Allow-Origin"));
            var asked = (preflight.Asked("Access-Control-Request-Headers") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Subset(preflight.AnsweredList("Access-Control-Allow-Headers"), asked.Select(h => h.ToLowerInvariant()).ToHashSet());
            Assert.Contains("authorization", asked);
            Assert.Contains("tus-resumable", asked);
        }
        var onUpload = preflights.Where(p => p.Path.StartsWith("/v1/tus/", StringComparison.Ordinal));
        Assert.All(onUpload, p => Assert.Superset(new HashSet<string> { "patch", "head", "delete" }, p.AnsweredList("Access-Control-Allow-Methods")));
    }

    /// <summary>Every answer to the page's own requests names its origin and lets its script read the tus headers.</summary>
    private static void AssertAnswersExposeTusHeaders(PartCountingProxy proxy, string origin)
    {
        var answers = proxy.Exchanges.Where(e => !e.IsPreflight).ToList();
        Assert.Equal(["HEAD", "PATCH", "PATCH", "PATCH", "POST"], answers.Select(e => e.Method).Order());
        foreach (var answer in answers)
        {
            Assert.Equal(origin, answer.Origin);
            Assert.Equal(origin, answer.Answered("Access-Control-Allow-Origin"));
            Assert.Superset(TusAnswerHeaders.ToHashSet(), answer.AnsweredList("Access-Control-Expose-Headers"));
        }
    }
}
