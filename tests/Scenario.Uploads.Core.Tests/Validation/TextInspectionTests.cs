using System.Text;
using Scenario.Testing;
using Scenario.Uploads.Validation;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Validation;

public sealed class TextInspectionTests
{
    private const string Expected = "UTF-8 text (plain text, Markdown, JSON, CSV…)";

    /// <summary>The inspector reads 64 KiB at a time; the straddling tests hold that many bytes several times over.</summary>
    private const int Chunk = 64 * 1024;

    public static TheoryData<string, string?, int> Texts => new()
    {
        { "Plain text, one line without a trailing newline", "text/plain", 1 },
        { "# Title\n\nSome *Markdown* with an accent: café.\n", "text/markdown", 3 },
        { """{"name": "Élodie", "tags": ["a", "b"]}""" + "\n", "application/json", 1 },
        { "{\"a\":1}\n{\"a\":2}\n", "application/x-ndjson", 2 },
        { "id,name\r\n1,Zoë\r\n2,李\r\n", "text/csv", 3 },
        { "id;name\n1;x\n", "application/csv", 2 },
        { "emoji 😀 and tabs\tare text\n", "application/octet-stream", 1 },
        { "no content type at all\nsecond line", null, 2 },
        { "charset parameter\n", "text/plain; charset=utf-8", 1 },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Utf8_text_of_any_flavour_is_valid_text_with_its_byte_and_line_counts(string text, string? contentType, int lines)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        var result = await Inspect.As("text", bytes, contentType);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("text", result.Format);
        Assert.Equal("text/plain", result.DetectedContentType);
        Assert.Equal(bytes.Length, result.Number("byteCount"));
        Assert.Equal(lines, result.Number("lineCount"));
        Assert.False((bool)result.Metadata["hasBom"]!);
    }

    [Fact]
    public async Task Utf8_with_a_bom_is_text_and_the_bom_is_recorded()
    {
        var bytes = (byte[])[0xEF, 0xBB, 0xBF, .. "a,b\n1,2\n"u8];

        var result = await Inspect.As("text", bytes, "text/csv");

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.True((bool)result.Metadata["hasBom"]!);
        Assert.Equal(bytes.Length, result.Number("byteCount"));
        Assert.Equal(2, result.Number("lineCount"));
    }

    [Fact]
    public async Task A_file_holding_only_a_bom_is_text_with_no_lines()
    {
        var result = await Inspect.As("text", [0xEF, 0xBB, 0xBF]);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(0, result.Number("lineCount"));
    }

    [Theory]
    [InlineData("", "€")]   // 3 bytes from offset 0: no power of two is a multiple of 3, so every chunk boundary splits one
    [InlineData("ab", "😀")] // 4 bytes from offset 2: every boundary at a multiple of 4 lands in the middle of one
    [InlineData("x", "é")]   // 2 bytes from offset 1: every even boundary splits one
    public async Task A_character_straddling_the_chunk_boundary_is_read_whole(string prefix, string character)
    {
        var text = new StringBuilder(prefix);
        while (Encoding.UTF8.GetByteCount(text.ToString()) < 3 * Chunk + 100)
        {
            text.Insert(text.Length, character, 1000).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var content = new MemoryContent(bytes);

        var result = await FileInspector.InspectAsync("text", "text/plain", content, TestContext.Current.CancellationToken);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(bytes.Length, result.Number("byteCount"));
        Assert.Equal(bytes.Count(b => b == '\n'), result.Number("lineCount"));
        Assert.Equal(bytes.Length, content.BytesRead); // streamed once, not read twice
    }

    [Fact]
    public async Task Reads_that_return_a_few_bytes_at_a_time_split_characters_and_the_bom_and_still_pass()
    {
        var bytes = (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("é€😀a\n", 50)))];

        var result = await FileInspector.InspectAsync(
            "text", null, new TrickleContent(bytes, 2), TestContext.Current.CancellationToken);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.True((bool)result.Metadata["hasBom"]!);
        Assert.Equal(50, result.Number("lineCount"));
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x62, 0x63, 0xFF, 0x64 }, 3)]  // a byte that never occurs in UTF-8
    [InlineData(new byte[] { 0x61, 0x62, 0x63, 0xE2, 0x82 }, 3)]  // the file ends inside a character
    [InlineData(new byte[] { 0x61, 0xE2, 0x28, 0xA1 }, 1)]        // a lead byte without its continuation
    [InlineData(new byte[] { 0xC0, 0xAF }, 0)]                    // an overlong encoding of '/'
    [InlineData(new byte[] { 0x20, 0xED, 0xA0, 0x80 }, 1)]        // a UTF-16 surrogate encoded as UTF-8
    [InlineData(new byte[] { 0x68, 0x69, 0xE9, 0x21 }, 2)]        // Latin-1 'é', the usual mistake
    public async Task Invalid_utf8_is_refused_with_its_offset(byte[] bytes, int offset)
    {
        var result = await Inspect.As("text", bytes, "text/plain");

        Assert.False(result.IsValid);
        Assert.Equal($"The file is not text: it has invalid UTF-8 at byte {offset}, but kind 'text' expects {Expected}.", result.ErrorMessage);
    }

    [Fact]
    public async Task Invalid_utf8_far_past_the_first_chunk_is_refused_with_its_offset()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', 2 * Chunk + 1234));
        bytes[^1] = 0xFF;

        var result = await Inspect.As("text", bytes);

        Assert.False(result.IsValid);
        Assert.Contains($"invalid UTF-8 at byte {bytes.Length - 1}", result.ErrorMessage);
    }

    [Fact]
    public async Task A_nul_byte_is_refused_with_its_offset()
    {
        var bytes = (byte[])[.. "name,value\n"u8, 0x00, .. "x\n"u8];

        var result = await Inspect.As("text", bytes, "text/csv");

        Assert.False(result.IsValid);
        Assert.Equal($"The file is not text: it has a NUL byte at byte 11, but kind 'text' expects {Expected}.", result.ErrorMessage);
    }

    [Fact]
    public async Task Utf16_text_is_refused_with_advice_to_save_it_as_utf8()
    {
        var bytes = (byte[])[.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("hello\n")];

        var result = await Inspect.As("text", bytes);

        Assert.False(result.IsValid);
        Assert.Contains("UTF-16", result.ErrorMessage);
        Assert.Contains("save the file as UTF-8", result.ErrorMessage);
    }

    [Fact]
    public async Task A_png_declared_as_text_is_refused_naming_png()
    {
        var result = await Inspect.As("text", TestFiles.Png(), "text/plain");

        Assert.False(result.IsValid);
        Assert.Equal("png", result.Format);
        Assert.Equal($"This is a PNG image, but kind 'text' expects {Expected}.", result.ErrorMessage);
    }

    [Fact]
    public async Task A_large_binary_file_is_refused_after_reading_only_its_start()
    {
        var bytes = new byte[8 * 1024 * 1024];
        new Random(3).NextBytes(bytes);
        var content = new MemoryContent(bytes);

        var result = await FileInspector.InspectAsync("text", null, content, TestContext.Current.CancellationToken);

        Assert.False(result.IsValid);
        Assert.True(content.BytesRead < 1024 * 1024, $"read {content.BytesRead} bytes");
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("video/mp4")]
    [InlineData("model/gltf-binary")]
    public async Task Text_declared_with_a_binary_formats_content_type_is_refused(string contentType)
    {
        var result = await Inspect.As("text", "just words\n"u8.ToArray(), contentType);

        Assert.False(result.IsValid);
        Assert.Equal("text", result.Format);
        Assert.Equal(
            $"The file was declared as {contentType} but its content is UTF-8 text (text/plain). Upload it again with the right content type, or convert it.",
            result.ErrorMessage);
    }

    [Theory]
    [InlineData("gltf", "model/gltf+json")]
    [InlineData("obj", "model/obj")]
    [InlineData("md", "application/pdf")] // a type that names no known format cannot contradict
    public async Task Text_formats_and_unknown_types_are_accepted_as_text(string format, string contentType)
    {
        var bytes = format switch
        {
            "gltf" => TestFiles.Gltf(),
            "obj" => TestFiles.Obj(),
            _ => TestFiles.Markdown(),
        };

        var result = await Inspect.As("text", bytes, contentType);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("text", result.Format);
    }

    [Fact]
    public async Task Asset_with_text_content_is_unchanged_and_names_no_format()
    {
        var result = await Inspect.As("asset", TestFiles.Markdown(), "text/markdown");

        Assert.True(result.IsValid);
        Assert.Null(result.Format);
    }

    [Fact]
    public async Task Text_sent_as_another_kind_is_refused_as_unrecognised()
    {
        var result = await Inspect.As("image", TestFiles.Markdown(), "text/markdown");

        Assert.False(result.IsValid);
        Assert.Contains("not a format this service recognises", result.ErrorMessage);
    }

    /// <summary>Hands out at most a few bytes per read, as a slow network source may, so characters split across reads.</summary>
    private sealed class TrickleContent(byte[] bytes, int maxRead) : IRandomAccessContent
    {
        private readonly MemoryContent inner = new(bytes);

        public long Length => inner.Length;

        public ValueTask<int> ReadAtAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
            inner.ReadAtAsync(offset, buffer[..Math.Min(buffer.Length, maxRead)], cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
