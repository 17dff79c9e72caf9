using Scenario.Testing;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Validation;

public sealed class MeshInspectionTests
{
    public static TheoryData<string, byte[], string> Valid => new()
    {
        { "ply", TestFiles.Ply(), "model/x-ply" },
        { "ply", TestFiles.Ply(binary: true), "model/x-ply" },
        { "stl", TestFiles.StlBinary(), "model/stl" },
        { "stl", TestFiles.StlAscii(), "model/stl" },
        { "usdz", TestFiles.Usdz(), "model/vnd.usdz+zip" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task Each_mesh_format_is_valid_3d(string format, byte[] bytes, string mime)
    {
        var result = await Inspect.As("3d", bytes, mime);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(format, result.Format);
        Assert.Equal(mime, result.DetectedContentType);
    }

    [Fact]
    public async Task Ply_records_encoding_and_counts()
    {
        var result = await Inspect.As("3d", TestFiles.Ply(binary: true));

        Assert.Equal("binary_little_endian", (string)result.Metadata["encoding"]!);
        Assert.Equal(3, result.Number("vertices"));
        Assert.Equal(1, result.Number("faces"));
    }

    [Fact]
    public async Task A_binary_ply_cut_inside_its_vertices_is_truncated()
    {
        var bytes = TestFiles.Ply(binary: true);

        var result = await Inspect.As("3d", bytes[..^20]);

        Assert.False(result.IsValid);
        Assert.Equal("The PLY file is truncated: its 3 vertices need 36 bytes after the header, but the file ends before that.", result.ErrorMessage);
    }

    [Fact]
    public async Task A_ply_without_end_header_is_refused()
    {
        var result = await Inspect.As("3d", "ply\nformat ascii 1.0\nelement vertex 3\n"u8.ToArray());

        Assert.False(result.IsValid);
        Assert.Contains("no end_header", result.ErrorMessage);
    }

    [Fact]
    public async Task Binary_stl_records_its_triangle_count_from_the_length_rule()
    {
        var result = await Inspect.As("3d", TestFiles.StlBinary(5));

        Assert.Equal("binary", (string)result.Metadata["encoding"]!);
        Assert.Equal(5, result.Number("triangles"));
    }

    [Fact]
    public async Task A_binary_stl_whose_length_breaks_the_rule_is_not_recognised()
    {
        var result = await Inspect.As("3d", TestFiles.StlBinary(5)[..^7]);

        Assert.False(result.IsValid);
        Assert.StartsWith("The file's content is not a format this service recognises", result.ErrorMessage);
    }

    [Fact]
    public async Task Ascii_stl_without_endsolid_is_truncated()
    {
        var bytes = TestFiles.StlAscii();

        var result = await Inspect.As("3d", bytes[..^16]);

        Assert.False(result.IsValid);
        Assert.Equal("The ASCII STL file is truncated: it has no endsolid line.", result.ErrorMessage);
    }

    [Fact]
    public async Task Usdz_records_its_root_layer()
    {
        var result = await Inspect.As("3d", TestFiles.Usdz());

        Assert.Equal("scene.usda", (string)result.Metadata["rootLayer"]!);
        Assert.Equal(2, result.Number("files"));
    }

    [Fact]
    public async Task A_usdz_zip_bomb_is_refused_from_its_directory()
    {
        var result = await Inspect.As("3d", TestFiles.UsdzBomb());

        Assert.False(result.IsValid);
        Assert.StartsWith("The USDZ is a zip bomb: its 2 files declare 8000000000 bytes once expanded, and scene.usdc claims 4000000000 bytes from 1024.", result.ErrorMessage);
    }

    [Fact]
    public async Task A_usdz_whose_first_file_is_not_the_layer_is_refused()
    {
        var result = await Inspect.As("3d", TestFiles.UsdzLayerNotFirst());

        Assert.False(result.IsValid);
        Assert.Contains("first file must be its USD layer", result.ErrorMessage);
    }

    [Fact]
    public async Task A_pytorch_zip_is_still_a_pickle_not_a_usdz()
    {
        var result = await Inspect.As("model", TestFiles.PickleCheckpoint());

        Assert.False(result.IsValid);
        Assert.Contains("arbitrary code", result.ErrorMessage);
    }
}
