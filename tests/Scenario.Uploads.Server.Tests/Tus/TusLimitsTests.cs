using System.Globalization;
using System.Net;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>Expiry and quotas hold for tus uploads as for the API's multipart ones (each test starts its own service).</summary>
public sealed class TusLimitsTests
{
    [Fact]
    public async Task An_upload_left_past_its_lifetime_fails_as_expired_and_takes_no_more_bytes()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Uploads:PendingLifetime"] = "00:00:02", ["Uploads:SweepInterval"] = "00:00:00.200" },
        });
        using var tus = TusHttp.For(host);
        using var api = new UploadApi(host);
        var url = await tus.CreatedAsync(5000, TusHttp.Metadata(("filename", "late.bin"), ("kind", "asset")));
        Assert.Equal(HttpStatusCode.NoContent, (await tus.PatchAsync(url, 0, new byte[1000])).StatusCode);

        var failed = await api.WaitForEndAsync(TusHttp.IdOf(url), TimeSpan.FromSeconds(30));

        Assert.True(failed.Status == "failed", failed.ToString());
        Assert.Contains("expired", failed.ErrorMessage);
        var patch = await tus.PatchAsync(url, 1000, new byte[1000]);
        await TusAssert.TusProblemAsync(patch, HttpStatusCode.Gone, "upload_gone");
        var head = await tus.HeadAsync(url);
        Assert.True(head.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone, $"HEAD of an expired upload: {(int)head.StatusCode}");
    }

    [Fact]
    public async Task A_creation_past_the_pending_uploads_quota_is_403_quota_exceeded()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions { Settings = new Dictionary<string, string> { ["Quotas:PendingUploads"] = "1" } });
        using var tus = TusHttp.For(host);
        using var api = new UploadApi(host);
        await tus.CreatedAsync(1000, TusHttp.Metadata(("filename", "one.bin"), ("kind", "asset")));

        var refused = await tus.CreateAsync(1000, TusHttp.Metadata(("filename", "two.bin"), ("kind", "asset")));

        await TusAssert.TusProblemAsync(refused, HttpStatusCode.Forbidden, "quota_exceeded");
        Assert.Equal(1, await api.CountUploadsAsync());
    }

    [Fact]
    public async Task A_length_past_the_pending_bytes_quota_is_refused_at_creation_and_when_a_deferred_length_arrives()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions { Settings = new Dictionary<string, string> { ["Quotas:PendingBytes"] = "10000" } });
        using var tus = TusHttp.For(host);
        var created = await tus.CreateAsync(null, TusHttp.Metadata(("filename", "deferred.bin"), ("kind", "asset")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var deferred = TusHttp.UrlOf(created);

        var tooLong = await tus.CreateAsync(20_000, TusHttp.Metadata(("filename", "long.bin"), ("kind", "asset")));
        var lengthGiven = await tus.PatchAsync(deferred, 0, new byte[1000], alter: r =>
            r.Headers.TryAddWithoutValidation("Upload-Length", 20_000.ToString(CultureInfo.InvariantCulture)));

        await TusAssert.TusProblemAsync(tooLong, HttpStatusCode.Forbidden, "quota_exceeded");
        await TusAssert.TusProblemAsync(lengthGiven, HttpStatusCode.Forbidden, "quota_exceeded");
        Assert.Equal(0, await tus.OffsetAsync(deferred));
    }
}
