namespace Scenario.Testing;

public static partial class TestFiles
{
    private const string TriangleGltfJson =
        """{"asset":{"version":"2.0","generator":"Scenario.Testing"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],"meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],"accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}],"bufferViews":[{"buffer":0,"byteLength":36}],"buffers":[{"byteLength":36}]}""";

    /// <summary>A GLB 2.0 holding one triangle: a JSON chunk and a BIN chunk, both padded to 4 bytes.</summary>
    public static byte[] Glb()
    {
        var json = Pad(Utf8(TriangleGltfJson), 0x20);
        var bin = new ByteBuilder();
        foreach (var v in new float[] { 0, 0, 0, 1, 0, 0, 0, 1, 0 })
        {
            bin.U32LE(BitConverter.SingleToUInt32Bits(v));
        }

        var binBytes = bin.ToArray();
        var total = 12 + 8 + json.Length + 8 + binBytes.Length;
        return new ByteBuilder().Ascii("glTF").U32LE(2).U32LE((uint)total)
            .U32LE((uint)json.Length).U32LE(0x4E4F534A).Bytes(json)
            .U32LE((uint)binBytes.Length).U32LE(0x004E4942).Bytes(binBytes).ToArray();
    }

    /// <summary>A GLB whose header promises more bytes than the file has (the download was cut).</summary>
    public static byte[] TruncatedGlb() => Glb()[..^20];

    /// <summary>A glTF 2.0 JSON document with the triangle's buffer embedded as a data URI.</summary>
    public static byte[] Gltf()
    {
        var positions = Glb()[^36..];
        var uri = "data:application/octet-stream;base64," + Convert.ToBase64String(positions);
        return Utf8(TriangleGltfJson.Replace("""{"byteLength":36}]}""", $$"""{"byteLength":36,"uri":"{{uri}}"}]}"""));
    }

    /// <summary>A Wavefront OBJ with a comment, a material reference and a quad made of two triangles.</summary>
    public static byte[] Obj() => Utf8("""
        # Scenario test quad
        mtllib quad.mtl
        o Quad
        v 0 0 0
        v 1 0 0
        v 1 1 0
        v 0 1 0
        vn 0 0 1
        usemtl default
        s off
        f 1//1 2//1 3//1
        f 1//1 3//1 4//1

        """.ReplaceLineEndings("\n"));

    /// <summary>A binary FBX 7.4 header followed by an empty top-level record list.</summary>
    public static byte[] Fbx(int version = 7400) => new ByteBuilder()
        .Ascii("Kaydara FBX Binary  \0").U8(0x1A).U8(0x00).U32LE((uint)version).Zeros(13).ToArray();

    private static byte[] Pad(byte[] data, byte filler)
    {
        var padded = new byte[(data.Length + 3) / 4 * 4];
        Array.Fill(padded, filler);
        data.CopyTo(padded, 0);
        return padded;
    }
}
