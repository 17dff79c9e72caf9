using System.Buffers.Binary;
using System.Text;
using Scenario.Testing;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Validation;

public sealed class ModelInspectionTests
{
    [Fact]
    public async Task Safetensors_is_a_valid_model_with_its_tensor_and_parameter_counts()
    {
        var result = await Inspect.As("model", TestFiles.Safetensors(), "application/octet-stream");

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("safetensors", result.Format);
        Assert.Equal(2, result.Number("tensorCount"));
        Assert.Equal(16, result.Number("parameterCount"));
        Assert.Equal("[\"F32\"]", result.Metadata["dtypes"]!.ToJsonString());
        Assert.False((bool)result.Metadata["isLora"]!);
    }

    [Fact]
    public async Task Safetensors_lora_is_flagged_as_lora()
    {
        var result = await Inspect.As("model", TestFiles.SafetensorsLora());

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.True((bool)result.Metadata["isLora"]!);
        Assert.Equal(65, result.Number("parameterCount"));
    }

    [Fact]
    public async Task Safetensors_with_overlapping_offsets_is_refused()
    {
        var result = await Inspect.As("model", TestFiles.SafetensorsWithBadOffsets());

        Assert.False(result.IsValid);
        Assert.Contains("overlaps", result.ErrorMessage);
    }

    [Fact]
    public async Task Safetensors_whose_tensor_size_disagrees_with_its_shape_is_refused()
    {
        var result = await Inspect.As("model", Safetensors("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}""", 12));

        Assert.False(result.IsValid);
        Assert.Contains("need 16", result.ErrorMessage);
    }

    [Fact]
    public async Task Safetensors_with_a_gap_in_its_data_is_refused()
    {
        var result = await Inspect.As("model", Safetensors("""{"w":{"dtype":"U8","shape":[4],"data_offsets":[4,8]}}""", 8));

        Assert.False(result.IsValid);
        Assert.Contains("gap", result.ErrorMessage);
    }

    [Fact]
    public async Task Safetensors_with_an_unknown_dtype_is_refused()
    {
        var result = await Inspect.As("model", Safetensors("""{"w":{"dtype":"F99","shape":[1],"data_offsets":[0,1]}}""", 1));

        Assert.False(result.IsValid);
        Assert.Contains("dtype", result.ErrorMessage);
    }

    [Fact]
    public async Task Safetensors_header_longer_than_the_file_is_refused_as_truncated()
    {
        var bytes = TestFiles.Safetensors()[..40];

        var result = await Inspect.As("model", bytes);

        Assert.False(result.IsValid);
        Assert.Contains("truncated", result.ErrorMessage);
    }

    [Fact]
    public async Task Safetensors_header_over_100_mib_is_refused_without_reading_it()
    {
        var bytes = TestFiles.Safetensors();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 200UL * 1024 * 1024);
        var content = new MemoryContent(bytes);

        var result = await Scenario.Uploads.Validation.FileInspector.InspectAsync(
            "model", null, content, TestContext.Current.CancellationToken);

        Assert.False(result.IsValid);
        Assert.Contains("100 MiB", result.ErrorMessage);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pickle_checkpoint_is_refused_with_a_safety_explanation(bool zipped)
    {
        var result = await Inspect.As("model", zipped ? TestFiles.PickleCheckpoint() : TestFiles.PickleStream());

        Assert.False(result.IsValid);
        Assert.Contains("arbitrary code", result.ErrorMessage);
        Assert.Contains("safetensors", result.ErrorMessage);
    }

    private static byte[] Safetensors(string header, int dataLength)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }
}
