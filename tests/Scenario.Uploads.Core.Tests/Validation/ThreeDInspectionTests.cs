using System.Text;
using Scenario.Testing;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Validation;

public sealed class ThreeDInspectionTests
{
    public static TheoryData<string, byte[]> Models => new()
    {
        { "glb", TestFiles.Glb() },
        { "gltf", TestFiles.Gltf() },
        { "obj", TestFiles.Obj() },
        { "fbx", TestFiles.Fbx() },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Each_3d_format_is_valid_3d(string format, byte[] bytes)
    {
        var result = await Inspect.As("3d", bytes);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(format, result.Format);
        Assert.NotNull(result.DetectedContentType);
    }

    [Fact]
    public async Task Glb_records_gltf_version_and_mesh_count()
    {
        var result = await Inspect.As("3d", TestFiles.Glb(), "model/gltf-binary");

        Assert.Equal("2.0", (string)result.Metadata["gltfVersion"]!);
        Assert.Equal(1, result.Number("meshes"));
        Assert.Equal(36, result.Number("binaryBytes"));
    }

    [Fact]
    public async Task Truncated_glb_is_refused_as_truncated()
    {
        var result = await Inspect.As("3d", TestFiles.TruncatedGlb());

        Assert.False(result.IsValid);
        Assert.Contains("truncated", result.ErrorMessage);
    }

    [Fact]
    public async Task Glb_with_a_json_chunk_longer_than_the_file_is_refused()
    {
        var bytes = TestFiles.Glb();
        bytes[13] = 0x40; // JSON chunk length now about 16 KiB in a file of a few hundred bytes

        var result = await Inspect.As("3d", bytes);

        Assert.False(result.IsValid);
        Assert.Contains("JSON chunk", result.ErrorMessage);
    }

    [Fact]
    public async Task Json_without_asset_version_is_not_gltf()
    {
        var result = await Inspect.As("3d", Encoding.UTF8.GetBytes("""{"meshes":[]}"""));

        Assert.False(result.IsValid);
        Assert.Contains("\"asset\"", result.ErrorMessage);
    }

    [Fact]
    public async Task Broken_gltf_json_is_refused_with_the_line()
    {
        var result = await Inspect.As("3d", Encoding.UTF8.GetBytes("{\n\"asset\": {\"version\": \"2.0\",\n}"));

        Assert.False(result.IsValid);
        Assert.Contains("not valid", result.ErrorMessage);
    }

    [Fact]
    public async Task Obj_counts_vertices_and_faces_of_a_small_file()
    {
        var result = await Inspect.As("3d", TestFiles.Obj());

        Assert.Equal(4, result.Number("vertices"));
        Assert.Equal(2, result.Number("faces"));
    }

    [Fact]
    public async Task Plain_text_is_not_an_obj_model()
    {
        var result = await Inspect.As("3d", Encoding.UTF8.GetBytes("Dear diary,\ntoday I modelled a cube.\n"));

        Assert.False(result.IsValid);
        Assert.Contains("not a format this service recognises", result.ErrorMessage);
    }

    [Fact]
    public async Task Ascii_fbx_is_valid_3d()
    {
        var result = await Inspect.As("3d", Encoding.ASCII.GetBytes("; FBX 7.4.0 project file\nFBXHeaderExtension: {\n}\n"));

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("ascii", (string)result.Metadata["encoding"]!);
    }
}
