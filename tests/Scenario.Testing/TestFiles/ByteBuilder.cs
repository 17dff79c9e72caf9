using System.Buffers.Binary;
using System.Text;

namespace Scenario.Testing;

/// <summary>Appends integers in either byte order and ASCII text; the test file generators share it.</summary>
internal sealed class ByteBuilder
{
    private readonly MemoryStream stream = new();

    public int Length => (int)stream.Length;

    public ByteBuilder U8(int value)
    {
        stream.WriteByte((byte)value);
        return this;
    }

    public ByteBuilder U16BE(int value) => Span(2, s => BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)value));

    public ByteBuilder U16LE(int value) => Span(2, s => BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)value));

    public ByteBuilder U32BE(uint value) => Span(4, s => BinaryPrimitives.WriteUInt32BigEndian(s, value));

    public ByteBuilder U32LE(uint value) => Span(4, s => BinaryPrimitives.WriteUInt32LittleEndian(s, value));

    public ByteBuilder U64BE(ulong value) => Span(8, s => BinaryPrimitives.WriteUInt64BigEndian(s, value));

    public ByteBuilder U64LE(ulong value) => Span(8, s => BinaryPrimitives.WriteUInt64LittleEndian(s, value));

    public ByteBuilder Ascii(string text) => Bytes(Encoding.ASCII.GetBytes(text));

    public ByteBuilder Bytes(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        return this;
    }

    public ByteBuilder Zeros(int count) => Bytes(new byte[count]);

    public byte[] ToArray() => stream.ToArray();

    private ByteBuilder Span(int size, SpanAction write)
    {
        Span<byte> buffer = stackalloc byte[size];
        write(buffer);
        stream.Write(buffer);
        return this;
    }

    private delegate void SpanAction(Span<byte> span);
}
