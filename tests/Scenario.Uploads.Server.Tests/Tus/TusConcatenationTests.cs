using System.Net;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>
/// tus's concatenation extension written by hand (tus-js-client's parallelUploads does it right, see
/// <see cref="TusJsClientTests"/>): a final upload takes only this account's finished partial uploads, and cannot
/// be appended to.
/// </summary>
public sealed class TusConcatenationTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const int Piece = 100_000;

    [Fact]
    public async Task A_final_upload_of_another_accounts_partial_upload_is_refused_and_the_partial_stays()
    {
        using var tus = TusHttp.For(fixture.Host);
        using var other = TusHttp.For(fixture.Host, TestKeys.OtherApiKey, TestKeys.OtherApiSecret);
        var partial = await FinishedPartialAsync(tus, UploadFlowTests.RandomBytes(Piece, seed: 81));
        var before = await fixture.Api.CountUploadsAsync();

        var response = await Final(other, partial);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(Piece, await tus.OffsetAsync(partial));
        Assert.Equal(before, await fixture.Api.CountUploadsAsync());
    }

    [Fact]
    public async Task A_final_upload_of_an_unfinished_partial_upload_is_refused_with_400()
    {
        using var tus = TusHttp.For(fixture.Host);
        var created = await tus.CreateAsync(Piece, null, alter: r => r.Headers.TryAddWithoutValidation("Upload-Concat", "partial"));
        var partial = TusHttp.UrlOf(created);
        Assert.Equal(HttpStatusCode.NoContent, (await tus.PatchAsync(partial, 0, new byte[Piece / 2])).StatusCode);

        await TusAssert.TusProblemAsync(await Final(tus, partial), HttpStatusCode.BadRequest);
        Assert.Equal(Piece / 2, await tus.OffsetAsync(partial));
    }

    [Fact]
    public async Task A_patch_to_a_final_upload_is_forbidden()
    {
        using var tus = TusHttp.For(fixture.Host);
        var bytes = TestFiles.NoisyPng(2 * Piece, seed: 82);
        var first = await FinishedPartialAsync(tus, bytes[..Piece]);
        var second = await FinishedPartialAsync(tus, bytes[Piece..]);
        var final = await Final(tus, first, second);
        Assert.Equal(HttpStatusCode.Created, final.StatusCode);
        var url = TusHttp.UrlOf(final);

        var patch = await tus.PatchAsync(url, bytes.Length, new byte[10]);

        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        await TusAssert.ImportedAsync(fixture.Api, TusHttp.IdOf(url), bytes, "final.png", "image");
    }

    private static async Task<string> FinishedPartialAsync(TusHttp tus, byte[] bytes)
    {
        var created = await tus.CreateAsync(bytes.Length, null, alter: r => r.Headers.TryAddWithoutValidation("Upload-Concat", "partial"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = TusHttp.UrlOf(created);
        Assert.Equal(HttpStatusCode.NoContent, (await tus.PatchAsync(url, 0, bytes)).StatusCode);
        return url;
    }

    private static Task<HttpResponseMessage> Final(TusHttp tus, params string[] partials)
    {
        var request = TusHttp.Request(HttpMethod.Post, "v1/tus");
        request.Headers.TryAddWithoutValidation("Upload-Concat", "final;" + string.Join(' ', partials.Select(p => new Uri(p).AbsolutePath)));
        request.Headers.TryAddWithoutValidation("Upload-Metadata", TusHttp.ImageMetadata("final.png"));
        return tus.Client.SendAsync(request);
    }
}
