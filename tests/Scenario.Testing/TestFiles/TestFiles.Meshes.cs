using System.Text;

namespace Scenario.Testing;

/// <summary>A file inside a generated zip; <paramref name="DeclaredSize"/> lets the directory lie (zip bombs).</summary>
public sealed record ZipMember(string Name, byte[] Data, long? DeclaredSize = null, int Method = 0);

public static partial class TestFiles
{
    /// <summary>A PLY with three vertices (x, y, z floats) and one face, ASCII or binary little-endian.</summary>
    public static byte[] Ply(bool binary = false)
    {
        var header = $"ply\nformat {(binary ? "binary_little_endian" : "ascii")} 1.0\ncomment Scenario test\nelement vertex 3\n" +
            "property float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n";
        if (!binary)
        {
            return Utf8(header + "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n");
        }
        var body = new ByteBuilder();
        foreach (var v in new float[] { 0, 0, 0, 1, 0, 0, 0, 1, 0 })
        {
            body.U32LE(BitConverter.SingleToUInt32Bits(v));
        }
        body.U8(3).U32LE(0).U32LE(1).U32LE(2);
        return [.. Encoding.ASCII.GetBytes(header), .. body.ToArray()];
    }

    /// <summary>A binary STL: 80-byte header, count, 50 bytes per triangle (normal, 3 vertices, attribute).</summary>
    public static byte[] StlBinary(int triangles = 2)
    {
        var builder = new ByteBuilder().Ascii("solid but really binary".PadRight(80)).U32LE((uint)triangles);
        for (var t = 0; t < triangles; t++)
        {
            builder.Zeros(48).U16LE(0);
        }
        return builder.ToArray();
    }

    public static byte[] StlAscii() => Utf8("""
        solid tri
          facet normal 0 0 1
            outer loop
              vertex 0 0 0
              vertex 1 0 0
              vertex 0 1 0
            endloop
          endfacet
        endsolid tri

        """.ReplaceLineEndings("\n"));

    /// <summary>A USDZ: an uncompressed zip whose first file is the USD layer.</summary>
    public static byte[] Usdz() => Zip(
        new ZipMember("scene.usda", Utf8("#usda 1.0\ndef Xform \"Root\" {}\n")),
        new ZipMember("textures/albedo.png", Png()));

    /// <summary>A USDZ whose directory claims a 10 GiB layer squeezed into 1 KiB: a zip bomb, judged without inflating.</summary>
    public static byte[] UsdzBomb() => Zip(
        new ZipMember("scene.usdc", new byte[1024], DeclaredSize: 4_000_000_000, Method: 8),
        new ZipMember("more.usdc", new byte[1024], DeclaredSize: 4_000_000_000, Method: 8));

    /// <summary>A zip with a USD layer that is not its first file.</summary>
    public static byte[] UsdzLayerNotFirst() => Zip(new ZipMember("readme.txt", Utf8("hi")), new ZipMember("scene.usdc", new byte[16]));

    /// <summary>A minimal zip writer: local headers, data, central directory, end record; CRCs left zero (nothing here checks them).</summary>
    public static byte[] Zip(params ZipMember[] files)
    {
        var body = new ByteBuilder();
        var directory = new ByteBuilder();
        var offset = 0;
        foreach (var file in files)
        {
            var name = Encoding.UTF8.GetBytes(file.Name);
            var declared = (uint)(file.DeclaredSize ?? file.Data.Length);
            var local = new ByteBuilder().U32LE(0x04034B50).U16LE(20).U16LE(0).U16LE(file.Method).U32LE(0).U32LE(0)
                .U32LE((uint)file.Data.Length).U32LE(declared).U16LE(name.Length).U16LE(0).Bytes(name).Bytes(file.Data).ToArray();
            directory.U32LE(0x02014B50).U16LE(20).U16LE(20).U16LE(0).U16LE(file.Method).U32LE(0).U32LE(0)
                .U32LE((uint)file.Data.Length).U32LE(declared).U16LE(name.Length).U16LE(0).U16LE(0).U16LE(0).U16LE(0).U32LE(0)
                .U32LE((uint)offset).Bytes(name);
            body.Bytes(local);
            offset += local.Length;
        }
        var central = directory.ToArray();
        body.Bytes(central).U32LE(0x06054B50).U16LE(0).U16LE(0).U16LE(files.Length).U16LE(files.Length)
            .U32LE((uint)central.Length).U32LE((uint)offset).U16LE(0);
        return body.ToArray();
    }
}
