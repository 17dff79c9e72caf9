using System.Net;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>A tus creation the service cannot take is refused with 400 problem+json before any upload exists.</summary>
public sealed class TusCreationErrorTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Theory]
    [InlineData("filename !!!notbase64,kind aW1hZ2U=")] // a value that is not Base64
    [InlineData("filename YS5wbmc=,filename Yi5wbmc=,kind aW1hZ2U=")] // a key twice
    [InlineData("filename YS5wbmc=,,kind aW1hZ2U=")] // an empty pair
    public async Task Metadata_that_breaks_the_protocols_rules_is_refused_with_400(string metadata)
    {
        using var tus = TusHttp.For(fixture.Host);
        var before = await fixture.Api.CountUploadsAsync();

        var response = await tus.CreateAsync(1000, metadata);

        await TusAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await fixture.Api.CountUploadsAsync());
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_with_400_invalid_kind()
    {
        using var tus = TusHttp.For(fixture.Host);
        var before = await fixture.Api.CountUploadsAsync();

        var response = await tus.CreateAsync(1000, TusHttp.Metadata(("filename", "a.png"), ("kind", "hologram")));

        await TusAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "invalid_kind");
        Assert.Equal(before, await fixture.Api.CountUploadsAsync());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("12abc")]
    [InlineData("")]
    public async Task An_upload_length_that_is_no_number_of_bytes_is_refused_with_400(string length)
    {
        using var tus = TusHttp.For(fixture.Host);
        var before = await fixture.Api.CountUploadsAsync();

        var response = await tus.CreateAsync(1000, TusHttp.ImageMetadata("a.png"), alter: request =>
        {
            request.Headers.Remove("Upload-Length");
            request.Headers.TryAddWithoutValidation("Upload-Length", length);
        });

        await TusAssert.TusProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await fixture.Api.CountUploadsAsync());
    }

    [Fact]
    public async Task A_creation_with_both_a_length_and_a_deferred_one_is_refused_with_400()
    {
        using var tus = TusHttp.For(fixture.Host);

        var response = await tus.CreateAsync(1000, TusHttp.ImageMetadata("a.png"), alter: request => request.Headers.TryAddWithoutValidation("Upload-Defer-Length", "1"));

        await TusAssert.TusProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_empty_file_is_created_and_fails_its_validation_saying_why()
    {
        using var tus = TusHttp.For(fixture.Host);

        var url = await tus.CreatedAsync(0, TusHttp.ImageMetadata("empty.png"));

        // tus: an upload of length 0 is complete at its creation (tus-js-client sends no PATCH for an empty file).
        var upload = await fixture.Api.WaitForEndAsync(TusHttp.IdOf(url), TimeSpan.FromSeconds(20));
        Assert.True(upload.Status == "failed", upload.ToString());
        Assert.False(string.IsNullOrWhiteSpace(upload.ErrorMessage));
    }

    [Fact]
    public async Task A_creation_with_neither_a_length_nor_a_deferred_one_is_refused_with_400()
    {
        using var tus = TusHttp.For(fixture.Host);

        var response = await tus.CreateAsync(1000, TusHttp.ImageMetadata("a.png"), alter: request => request.Headers.Remove("Upload-Length"));

        await TusAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
