using System.Globalization;
using System.Net;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>
/// What tus 1.0.0 requires of answers that succeed, with requests written by hand: HEAD's headers, the expiration
/// extension's Upload-Expires, and a PATCH cut off midway, which keeps what arrived and lets the upload finish.
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

    [Fact]
    public async Task A_patch_cut_off_midway_keeps_what_arrived_and_the_upload_then_finishes()
    {
        using var tus = TusHttp.For(fixture.Host);
        var bytes = TestFiles.NoisyPng(4 * TusFiles.MiB, seed: 51);
        var url = await tus.CreatedAsync(bytes.Length, TusHttp.ImageMetadata("interrupted.png"));
        var sent = bytes.Length / 2;

        await using (var patch = await RawHttp.OpenAsync("PATCH", url, PatchHeaders(0), bytes.Length))
        {
            // Closed after half the body it announced: the service reads those bytes, then the end of the connection.
            await patch.WriteAsync(bytes.AsMemory(0, sent));
        }
        var kept = await KeptAsync(tus, url);

        Assert.InRange(kept, 1, sent);
        var rest = await tus.PatchAsync(url, kept, bytes.AsMemory((int)kept));
        Assert.True(rest.StatusCode == HttpStatusCode.NoContent, $"PATCH of the rest: {(int)rest.StatusCode} {await rest.Content.ReadAsStringAsync()}");
        Assert.Equal(bytes.Length, TusHttp.Offset(rest));
        await TusAssert.ImportedAsync(fixture.Api, TusHttp.IdOf(url), bytes, "interrupted.png", "image");
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

    /// <summary>
    /// The offset once the service has seen the connection go: until it has, the PATCH still holds the upload (HEAD
    /// may say 423 or the offset before it); waits up to 15 s, then gives what HEAD says.
    /// </summary>
    private static async Task<long> KeptAsync(TusHttp tus, string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var head = await tus.HeadAsync(url);
            var offset = head.IsSuccessStatusCode ? TusHttp.Offset(head) : -1;
            if (offset > 0 || DateTime.UtcNow > deadline)
            {
                return offset;
            }
            await Task.Delay(100);
        }
    }
}
