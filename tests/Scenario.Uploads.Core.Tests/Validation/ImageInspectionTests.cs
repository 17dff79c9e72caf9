using System.Buffers.Binary;
using Scenario.Testing;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Validation;

public sealed class ImageInspectionTests
{
    public static TheoryData<string, string, byte[]> Images => new()
    {
        { "png", "image/png", TestFiles.Png(40, 30) },
        { "jpeg", "image/jpeg", TestFiles.Jpeg(40, 30) },
        { "webp", "image/webp", TestFiles.WebP(40, 30) },
        { "gif", "image/gif", TestFiles.Gif(40, 30) },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Each_image_format_is_valid_with_its_dimensions(string format, string mime, byte[] bytes)
    {
        foreach (var kind in new[] { "image", "avatar" })
        {
            var result = await Inspect.As(kind, bytes, mime);

            Assert.True(result.IsValid, result.ErrorMessage);
            Assert.Equal(format, result.Format);
            Assert.Equal(mime, result.DetectedContentType);
            Assert.Equal(40, result.Number("width"));
            Assert.Equal(30, result.Number("height"));
        }
    }

    [Fact]
    public async Task Png_is_valid_image_with_its_dimensions()
    {
        var result = await Inspect.As("image", TestFiles.Png(4, 3), "image/png");

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(4, result.Number("width"));
        Assert.Equal(3, result.Number("height"));
    }

    [Fact]
    public async Task Jpeg_declared_as_png_is_refused()
    {
        var result = await Inspect.As("image", TestFiles.Jpeg(), "image/png");

        Assert.False(result.IsValid);
        Assert.Contains("image/png", result.ErrorMessage);
        Assert.Contains("JPEG", result.ErrorMessage);
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("binary/octet-stream")]
    [InlineData(null)]
    [InlineData("image/jpg")]
    public async Task Jpeg_with_a_generic_or_matching_content_type_is_accepted(string? contentType)
    {
        var result = await Inspect.As("image", TestFiles.Jpeg(), contentType);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("jpeg", result.Format);
    }

    [Fact]
    public async Task A_png_is_judged_by_its_content_as_the_inspector_takes_no_file_name()
    {
        // A PNG named photo.jpg cannot mislead it: the name is not one of its inputs.
        var result = await Inspect.As("image", TestFiles.Png());

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("png", result.Format);
    }

    [Fact]
    public async Task Png_header_claiming_100000_by_100000_is_refused_before_decoding()
    {
        var result = await Inspect.As("image", TestFiles.PngHeaderOnly(100_000, 100_000), "image/png");

        Assert.False(result.IsValid);
        Assert.Contains("100000×100000", result.ErrorMessage);
        Assert.Contains("16384", result.ErrorMessage);
    }

    [Fact]
    public async Task Image_over_100_megapixels_within_the_side_limit_is_refused()
    {
        var bytes = TestFiles.Gif();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), 12_000); // logical screen 12000×10000
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 10_000);

        var result = await Inspect.As("avatar", bytes);

        Assert.False(result.IsValid);
        Assert.Contains("100 megapixels", result.ErrorMessage);
    }

    [Fact]
    public async Task Png_with_zero_width_is_refused()
    {
        var result = await Inspect.As("image", TestFiles.PngHeaderOnly(0, 10));

        Assert.False(result.IsValid);
        Assert.Contains("0×10", result.ErrorMessage);
    }

    [Fact]
    public async Task Png_cut_after_its_header_is_refused_as_truncated()
    {
        var result = await Inspect.As("image", TestFiles.PngHeaderOnly(10, 10));

        Assert.False(result.IsValid);
        Assert.Contains("truncated", result.ErrorMessage);
    }

    [Fact]
    public async Task Jpeg_cut_inside_its_headers_is_refused_as_truncated()
    {
        var result = await Inspect.As("image", TestFiles.Jpeg()[..30]);

        Assert.False(result.IsValid);
        Assert.Contains("truncated", result.ErrorMessage);
    }

    [Fact]
    public async Task Jpeg_with_garbage_between_segments_is_refused_as_damaged()
    {
        var bytes = TestFiles.Jpeg();
        bytes[20] = 0x00; // the DQT marker's 0xFF, right after the 18-byte APP0 segment

        var result = await Inspect.As("image", bytes);

        Assert.False(result.IsValid);
        Assert.Contains("damaged", result.ErrorMessage);
    }

    [Fact]
    public async Task Webp_header_claiming_more_bytes_than_the_file_has_is_refused()
    {
        var bytes = TestFiles.WebP();
        bytes[4] = 0xFF; // RIFF size now far beyond the file

        var result = await Inspect.As("image", bytes);

        Assert.False(result.IsValid);
        Assert.Contains("truncated", result.ErrorMessage);
    }
}
