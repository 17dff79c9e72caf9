using static Scenario.Uploads.Server.Tests.Tus.TusFiles;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>
/// Debian's python3-tuspy 1.0.0 (tools/tus-clients/tuspy_upload.py), a tus client of another lineage, with its sha1
/// Upload-Checksum on every PATCH (the checksum extension's mandatory algorithm).
/// </summary>
public sealed class TuspyTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Tuspy_uploads_in_checksummed_chunks_and_the_file_is_imported_with_its_kind_read_from_the_content()
    {
        var bytes = TestFiles.NoisyPng(5 * MiB + 777, seed: 31);
        using var file = Write(bytes, "scan.png");

        // No kind: the service infers it from the content, as the CLI's --kind auto does.
        var outcome = await TusClients.TuspyAsync(fixture.Host, file.Path, new
        {
            chunkSize = 2 * MiB,
            checksum = true,
            metadata = new { filename = "scan.png", filetype = "image/png" },
        });

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        await TusAssert.ImportedAsync(fixture.Api, outcome.UploadId, bytes, "scan.png", "image");
    }

    [Fact]
    public async Task Tuspy_carries_the_asset_options_in_its_metadata_onto_the_asset()
    {
        var bytes = TestFiles.NoisyPng(1 * MiB, seed: 32);
        using var file = Write(bytes, "hidden.png");

        var outcome = await TusClients.TuspyAsync(fixture.Host, file.Path, new
        {
            checksum = true,
            metadata = new { filename = "hidden.png", filetype = "image/png", kind = "image", collectionIds = "col_a,col_b", hide = "true" },
        });

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        var done = await TusAssert.ImportedAsync(fixture.Api, outcome.UploadId, bytes, "hidden.png", "image");
        var asset = (await fixture.Api.GetJsonAsync($"v1/assets/{done.EntityId}")).GetProperty("asset");
        Assert.Equal(["col_a", "col_b"], asset.GetProperty("collectionIds").EnumerateArray().Select(c => c.GetString()));
        Assert.True(asset.GetProperty("hidden").GetBoolean());
    }
}
