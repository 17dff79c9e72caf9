using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Scenario.Testing;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Validation;

/// <summary>USDZ as ZipArchive reads it: ZIP64 included, a hostile directory refused before it is read.</summary>
public sealed class UsdzInspectionTests
{
    private const uint Zip64EndLocator = 0x07064B50;

    [Fact]
    public async Task A_zip64_usdz_of_more_than_65535_files_is_read_and_valid()
    {
        // ZipArchive writes a ZIP64 end record once an archive holds 65,535 entries or more; the old reader refused these.
        var files = Enumerable.Range(0, 65_536).Select(i => ($"textures/{i}.png", Array.Empty<byte>()));
        var usdz = Usdz([("scene.usda", Encoding.UTF8.GetBytes("#usda 1.0\n")), .. files]);
        Assert.Equal(Zip64EndLocator, BinaryPrimitives.ReadUInt32LittleEndian(usdz.AsSpan(usdz.Length - 22 - 20)));

        var result = await Inspect.As("3d", usdz);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("usdz", result.Format);
        Assert.Equal("scene.usda", (string)result.Metadata["rootLayer"]!);
        Assert.Equal(65_537, result.Number("files"));
    }

    [Fact]
    public async Task A_usdz_made_by_ZipArchive_records_its_root_layer_and_expanded_size()
    {
        var usdz = Usdz(("scene.usdc", new byte[300]), ("textures/albedo.png", TestFiles.Png()));

        var result = await Inspect.As("3d", usdz);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("scene.usdc", (string)result.Metadata["rootLayer"]!);
        Assert.Equal(300 + TestFiles.Png().Length, result.Number("expandedBytes"));
    }

    [Fact]
    public async Task A_usdz_whose_file_list_claims_32_mib_is_not_read_and_not_taken_for_a_usdz()
    {
        var usdz = TestFiles.Usdz();
        BinaryPrimitives.WriteUInt32LittleEndian(usdz.AsSpan(usdz.Length - 10), 32 * 1024 * 1024); // the end record's directory size

        var result = await Inspect.As("3d", usdz);

        Assert.False(result.IsValid);
        Assert.Null(result.Format);
        Assert.StartsWith("The file's content is not a format this service recognises", result.ErrorMessage);
    }

    [Fact]
    public async Task Random_damage_to_a_usdz_never_makes_the_inspector_throw()
    {
        var random = new Random(5);
        foreach (var source in new[] { TestFiles.Usdz(), Usdz(("scene.usda", new byte[2000]), ("a.png", TestFiles.Png())) })
        {
            for (var i = 0; i < 500; i++)
            {
                var bytes = (byte[])source.Clone();
                for (var flips = 0; flips < 3; flips++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                var cut = i % 4 == 0 ? bytes[..random.Next(1, bytes.Length + 1)] : bytes;
                var result = await Inspect.As("3d", cut);
                Assert.True(result.IsValid || result.ErrorMessage is { Length: > 0 });
            }
        }
    }

    /// <summary>A USDZ as usdzip stores it: no compression, entries in the order given.</summary>
    private static byte[] Usdz(params (string Name, byte[] Content)[] entries) => TestFiles.Zip(CompressionLevel.NoCompression, entries);
}
