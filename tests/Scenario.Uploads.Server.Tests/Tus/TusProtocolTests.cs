using System.Globalization;
using System.Net;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>
/// What tus 1.0.0 requires of answers that succeed, with requests written by hand: HEAD's headers, the expiration
/// extension's Upload-Expires, and a PATCH that stalls midway, which keeps what arrived and lets the upload finish.
/// </summary>
public sealed class TusProtocolTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Head_reports_the_offset_and_length_and_forbids_caching()
    {
        using var tus = TusHttp.For(fixture.Host);
        var url = await tus.CreatedAsync(5000, TusHttp.Metadata(("filename", "head.bin"), ("kind", "asset")));
        Assert.Equal(HttpStatusCode.NoContent, (await tus.PatchAsync(url, 0, new byte[1200])).StatusCode);

        var head = await tus.HeadAsync(url);

        Assert.True(head.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"HEAD: {(int)head.StatusCode}");
        Assert.Equal("1200", TusHttp.Header(head, "Upload-Offset"));
        Assert.Equal("5000", TusHttp.Header(head, "Upload-Length"));
        Assert.Equal("1.0.0", TusHttp.Header(head, "Tus-Resumable"));
        Assert.Contains("no-store", TusHttp.Header(head, "Cache-Control") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_of_an_upload_of_deferred_length_says_so_until_a_patch_gives_the_length()
    {
        using var tus = TusHttp.For(fixture.Host);
        var created = await tus.CreateAsync(null, TusHttp.Metadata(("filename", "later.bin"), ("kind", "asset")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = TusHttp.UrlOf(created);

        var before = await tus.HeadAsync(url);
        var patch = await tus.PatchAsync(url, 0, new byte[1000], alter: r => r.Headers.TryAddWithoutValidation("Upload-Length", "3000"));
        var after = await tus.HeadAsync(url);

        Assert.Equal("1", TusHttp.Header(before, "Upload-Defer-Length"));
        Assert.Null(TusHttp.Header(before, "Upload-Length"));
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.Equal("3000", TusHttp.Header(after, "Upload-Length"));
        Assert.Null(TusHttp.Header(after, "Upload-Defer-Length"));
        Assert.Equal(1000, TusHttp.Offset(after));
    }

    [Fact]
    public async Task Creation_and_patch_answers_say_when_the_upload_expires()
    {
        using var tus = TusHttp.For(fixture.Host);
        var create = await tus.CreateAsync(5000, TusHttp.Metadata(("filename", "expiring.bin"), ("kind", "asset")));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal("1.0.0", TusHttp.Header(create, "Tus-Resumable"));

        var patch = await tus.PatchAsync(TusHttp.UrlOf(create), 0, new byte[1000]);

        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.Equal(1000, TusHttp.Offset(patch));
        foreach (var answer in new[] { create, patch })
        {
            var expires = TusHttp.Header(answer, "Upload-Expires");
            Assert.True(DateTimeOffset.TryParseExact(expires, "r", CultureInfo.InvariantCulture, DateTimeStyles.None, out var when),
                $"Upload-Expires is an HTTP date (RFC 9110 §5.6.7): '{expires}'");
            Assert.True(when > DateTimeOffset.UtcNow, $"Upload-Expires is in the future: {expires}");
        }
    }

    /// <remarks>
    /// A body whose connection closes is another matter: Kestrel then throws away what it had not yet handed to the
    /// service ("Unexpected end of request content"), so what is kept depends on when the service read it; the store
    /// keeps every byte it read (the append contract tests), which a stall shows exactly.
    /// </remarks>
    [Fact]
    public async Task A_patch_that_stalls_midway_keeps_every_byte_that_arrived_and_says_where_to_resume()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Uploads:PartIdleTimeout"] = "00:00:01" },
        });
        using var tus = TusHttp.For(host);
        var bytes = TestFiles.NoisyPng(4 * TusFiles.MiB, seed: 51);
        var url = await tus.CreatedAsync(bytes.Length, TusHttp.ImageMetadata("interrupted.png"));
        var sent = bytes.Length / 2;

        RawResponse? answer;
        await using (var patch = await RawHttp.OpenAsync("PATCH", url, PatchHeaders(0), bytes.Length))
        {
            await patch.WriteAsync(bytes.AsMemory(0, sent));
            answer = await patch.ReadAnswerAsync(TimeSpan.FromSeconds(30));
        }

        Assert.NotNull(answer);
        Assert.Equal(408, answer.Status);
        Assert.Equal(sent.ToString(CultureInfo.InvariantCulture), answer.Headers.GetValueOrDefault("upload-offset"));
        Assert.Equal(sent, await tus.OffsetAsync(url));
        var rest = await tus.PatchAsync(url, sent, bytes.AsMemory(sent));
        Assert.True(rest.StatusCode == HttpStatusCode.NoContent, $"PATCH of the rest: {(int)rest.StatusCode} {await rest.Content.ReadAsStringAsync()}");
        using var api = new UploadApi(host);
        await TusAssert.ImportedAsync(api, TusHttp.IdOf(url), bytes, "interrupted.png", "image");
    }

    [Fact]
    public async Task Two_patches_racing_at_one_offset_never_both_write()
    {
        using var tus = TusHttp.For(fixture.Host);
        const int chunk = 2 * TusFiles.MiB;
        var bytes = TestFiles.NoisyPng(3 * chunk, seed: 52);
        var url = await tus.CreatedAsync(bytes.Length, TusHttp.ImageMetadata("raced.png"));

        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            var body = bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset));
            var answers = await Task.WhenAll(tus.PatchAsync(url, offset, body), tus.PatchAsync(url, offset, body));

            var statuses = answers.Select(r => (int)r.StatusCode).Order().ToArray();
            Assert.True(statuses[0] == 204 && statuses[1] is 409 or 423, $"At offset {offset}: {string.Join(", ", statuses)}; one writes, the other is refused");
            Assert.Equal(offset + body.Length, await tus.OffsetAsync(url));
        }

        await TusAssert.ImportedAsync(fixture.Api, TusHttp.IdOf(url), bytes, "raced.png", "image");
    }

    private static IEnumerable<string> PatchHeaders(long offset) =>
    [
        $"Authorization: {RawHttp.Basic(TestKeys.ApiKey, TestKeys.ApiSecret)}",
        "Tus-Resumable: 1.0.0",
        $"Upload-Offset: {offset}",
        $"Content-Type: {TusHttp.OffsetOctetStream}",
    ];
}
