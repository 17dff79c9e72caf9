using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Scenario.Testing;
using Scenario.Uploads.Validation;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Validation;

public sealed class ZippedModelInspectionTests
{
    private const string WhatToSend = "Send the .safetensors file itself, or a .zip holding exactly one .safetensors file.";

    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Optimal)]
    public async Task A_zip_holding_one_safetensors_is_a_valid_model_with_the_plain_files_metadata(CompressionLevel level)
    {
        var plain = await Inspect.As("model", TestFiles.SafetensorsLora());
        var zip = TestFiles.ZippedSafetensors(level);

        var result = await Inspect.As("model", zip, "application/zip");

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("safetensors", result.Format);
        Assert.Equal("application/zip", result.DetectedContentType);
        foreach (var (key, value) in plain.Metadata)
        {
            Assert.Equal(value!.ToJsonString(), result.Metadata[key]?.ToJsonString());
        }

        Assert.Equal("zip", (string)result.Metadata["container"]!);
        Assert.Equal("lora.safetensors", (string)result.Metadata["innerFile"]!);
        Assert.Equal(TestFiles.SafetensorsLora().Length, result.Number("innerFileBytes"));
        Assert.True((bool)result.Metadata["isLora"]!);
    }

    [Fact]
    public async Task Folders_and_macos_junk_beside_the_checkpoint_are_ignored()
    {
        var zip = TestFiles.Zip(CompressionLevel.Optimal,
            ("lora/", []),
            ("lora/model.safetensors", TestFiles.Safetensors()),
            ("__MACOSX/lora/._model.safetensors", [0, 5, 22, 7]),
            ("lora/.DS_Store", [0, 0, 0, 1]));

        var result = await Inspect.As("model", zip);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("lora/model.safetensors", (string)result.Metadata["innerFile"]!);
        Assert.Equal(16, result.Number("parameterCount"));
    }

    [Fact]
    public async Task A_deflated_checkpoint_larger_than_the_read_buffers_is_inflated_to_its_end()
    {
        var bytes = TestFiles.Safetensors(new TensorSpec("w", "U8", 3 * 1024 * 1024));
        var dataStart = bytes.Length - 3 * 1024 * 1024;
        new Random(11).NextBytes(bytes.AsSpan(dataStart)); // real weights barely compress; zeros would look like a bomb
        var zip = TestFiles.Zip(CompressionLevel.Fastest, ("big.safetensors", bytes));

        var result = await Inspect.As("model", zip);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(3 * 1024 * 1024, result.Number("parameterCount"));
    }

    [Fact]
    public async Task A_zip_holding_two_safetensors_is_refused_with_what_to_send()
    {
        var zip = TestFiles.Zip(CompressionLevel.Optimal, ("a.safetensors", TestFiles.Safetensors()), ("b.safetensors", TestFiles.SafetensorsLora()));

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.Equal("zip", result.Format);
        Assert.Equal($"The zip holds 2 .safetensors files ('a.safetensors', 'b.safetensors'); it must hold exactly one. {WhatToSend}", result.ErrorMessage);
    }

    [Fact]
    public async Task An_empty_zip_is_refused_with_what_to_send()
    {
        var result = await Inspect.As("model", TestFiles.Zip(CompressionLevel.Optimal));

        Assert.False(result.IsValid);
        Assert.Equal($"The zip holds no .safetensors file. {WhatToSend}", result.ErrorMessage);
    }

    [Fact]
    public async Task A_zip_holding_only_folders_and_junk_is_refused_with_what_to_send()
    {
        var zip = TestFiles.Zip(CompressionLevel.Optimal, ("lora/", []), (".DS_Store", [1, 2, 3]));

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.Equal($"The zip holds no .safetensors file. {WhatToSend}", result.ErrorMessage);
    }

    [Theory]
    [InlineData("model.ckpt")]
    [InlineData("weights/pytorch_model.bin")]
    public async Task A_zip_holding_a_pickle_checkpoint_is_refused_with_what_to_send(string name)
    {
        var zip = TestFiles.Zip(CompressionLevel.Optimal, (name, TestFiles.PickleStream()));

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.Contains($"'{name}', a pickle-based checkpoint", result.ErrorMessage);
        Assert.Contains("arbitrary code", result.ErrorMessage);
        Assert.EndsWith(WhatToSend, result.ErrorMessage);
    }

    [Fact]
    public async Task A_zip_holding_a_checkpoint_and_another_file_is_refused_with_what_to_send()
    {
        var zip = TestFiles.Zip(CompressionLevel.Optimal, ("lora.safetensors", TestFiles.SafetensorsLora()), ("README.md", TestFiles.Markdown()));

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.Equal($"The zip holds 'README.md', which is not a .safetensors file; it must hold nothing else. {WhatToSend}", result.ErrorMessage);
    }

    [Theory]
    [InlineData("../evil.safetensors")]
    [InlineData("lora/../../evil.safetensors")]
    [InlineData("/etc/evil.safetensors")]
    [InlineData("lora\\evil.safetensors")]
    [InlineData("C:/evil.safetensors")]
    public async Task An_entry_whose_path_escapes_the_archive_is_refused_with_what_to_send(string name)
    {
        var zip = TestFiles.Zip(CompressionLevel.Optimal, (name, TestFiles.Safetensors()));

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.Contains($"an entry named '{name}'", result.ErrorMessage);
        Assert.Contains("outside the archive", result.ErrorMessage);
        Assert.EndsWith(WhatToSend, result.ErrorMessage);
    }

    [Fact]
    public async Task A_file_named_with_double_dots_but_no_dotdot_segment_is_not_a_path_trick()
    {
        var zip = TestFiles.Zip(CompressionLevel.Optimal, ("my..lora.safetensors", TestFiles.SafetensorsLora()));

        var result = await Inspect.As("model", zip);

        Assert.True(result.IsValid, result.ErrorMessage);
    }

    [Fact]
    public async Task An_encrypted_entry_is_refused_with_what_to_send()
    {
        var zip = TestFiles.WithZipEntriesEncrypted(TestFiles.ZippedSafetensors());

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.Equal($"The zip's 'lora.safetensors' is encrypted, and this service cannot read encrypted archives. {WhatToSend}", result.ErrorMessage);
    }

    [Fact]
    public async Task A_zip_bomb_declaring_gigabytes_is_refused_without_being_expanded()
    {
        var zip = TestFiles.WithZipEntriesDeclaring(TestFiles.ZippedSafetensors(), 0xF000_0000);
        var content = new MemoryContent(zip);

        var result = await FileInspector.InspectAsync("model", null, content, TestContext.Current.CancellationToken);

        Assert.False(result.IsValid);
        Assert.StartsWith("The zip is a zip bomb: its 1 files declare 4026531840 bytes once expanded, and 'lora.safetensors' claims 4026531840 bytes", result.ErrorMessage);
        Assert.EndsWith(WhatToSend, result.ErrorMessage);
        // Inspecting it read the archive's headers (a few times over), not an inflated byte more.
        Assert.True(content.BytesRead < 20 * zip.Length, $"read {content.BytesRead} bytes");
    }

    [Fact]
    public async Task A_stored_checkpoint_whose_data_was_altered_fails_its_crc()
    {
        var zip = TestFiles.ZippedSafetensors(CompressionLevel.NoCompression);
        var lora = TestFiles.SafetensorsLora();
        zip[TestFiles.ZipEntryDataOffset(zip) + lora.Length - 1] ^= 0x5A; // the last tensor byte: the header still reads

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.Equal($"The zip's 'lora.safetensors' fails its CRC-32 check; the zip is damaged. Zip the file again. {WhatToSend}", result.ErrorMessage);
    }

    [Fact]
    public async Task A_zipped_checkpoint_shorter_than_its_tensors_is_refused_naming_the_inner_file()
    {
        var zip = TestFiles.Zip(CompressionLevel.Optimal, ("cut.safetensors", TestFiles.Safetensors()[..^4]));

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.StartsWith("The zip's 'cut.safetensors' is not a sound safetensors file.", result.ErrorMessage);
        Assert.Contains("points past the end", result.ErrorMessage);
    }

    [Fact]
    public async Task A_zipped_file_named_safetensors_without_a_safetensors_header_is_refused()
    {
        var zip = TestFiles.Zip(CompressionLevel.Optimal, ("notes.safetensors", Encoding.UTF8.GetBytes("not a checkpoint at all")));

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.Contains("does not start with a header length and a JSON header", result.ErrorMessage);
    }

    [Fact]
    public async Task A_zip_whose_declared_size_is_smaller_than_its_data_is_refused()
    {
        // The deflate stream holds the whole file, but the headers declare 4 bytes less: the tensors no longer fit.
        var lora = TestFiles.SafetensorsLora();
        var zip = TestFiles.WithZipEntriesDeclaring(TestFiles.ZippedSafetensors(CompressionLevel.NoCompression), (uint)lora.Length - 4);

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.Contains("'lora.safetensors'", result.ErrorMessage);
    }

    [Fact]
    public async Task A_damaged_zip_is_refused_without_throwing()
    {
        var zip = TestFiles.ZippedSafetensors();
        var directory = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(zip.Length - 6));
        zip[directory] = (byte)'X'; // the central directory's first signature

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.EndsWith(WhatToSend, result.ErrorMessage);
    }

    [Fact]
    public async Task A_zip_whose_file_list_claims_32_mib_is_refused_before_the_list_is_read()
    {
        var zip = TestFiles.ZippedSafetensors();
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(zip.Length - 10), 32 * 1024 * 1024); // the end record's directory size

        var result = await Inspect.As("model", zip);

        Assert.False(result.IsValid);
        Assert.StartsWith("The zip's file list is 33554432 bytes, more than the 16 MiB allowed", result.ErrorMessage);
        Assert.EndsWith(WhatToSend, result.ErrorMessage);
    }

    [Fact]
    public async Task Random_damage_to_a_zipped_checkpoint_never_makes_the_inspector_throw()
    {
        var random = new Random(7);
        foreach (var source in new[] { TestFiles.ZippedSafetensors(CompressionLevel.NoCompression), TestFiles.ZippedSafetensors() })
        {
            for (var i = 0; i < 500; i++)
            {
                var bytes = (byte[])source.Clone();
                for (var flips = 0; flips < 3; flips++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                var cut = i % 4 == 0 ? bytes[..random.Next(1, bytes.Length + 1)] : bytes;
                var result = await Inspect.As("model", cut);
                Assert.True(result.IsValid || result.ErrorMessage is { Length: > 0 });
            }
        }
    }

    [Theory]
    [InlineData("asset")]
    [InlineData("3d")]
    public async Task A_zipped_checkpoint_sent_as_another_kind_is_judged_as_before(string kind)
    {
        var result = await Inspect.As(kind, TestFiles.ZippedSafetensors());

        Assert.Null(result.Format);
        Assert.Equal(kind == "asset", result.IsValid);
    }

    [Fact]
    public async Task A_zip_holding_pickle_data_is_still_refused_as_a_pickle_checkpoint()
    {
        var result = await Inspect.As("model", TestFiles.PickleCheckpoint());

        Assert.False(result.IsValid);
        Assert.Equal("pickle", result.Format);
    }
}
