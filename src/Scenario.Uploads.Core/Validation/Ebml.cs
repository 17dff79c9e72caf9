using System.Buffers.Binary;

namespace Scenario.Uploads.Validation;

/// <summary>Minimal EBML (Matroska) element reading over an in-memory prefix of the file.</summary>
internal static class Ebml
{
    public readonly record struct Element(uint Id, long DataStart, long DataEnd, bool UnknownSize);

    /// <summary>Reads the element at <paramref name="offset"/>; null when its ID or size does not fit in the bytes.</summary>
    public static Element? ReadElement(byte[] bytes, long offset)
    {
        if (ReadVint(bytes, offset, keepMarker: true) is not { } id || id.Length > 4)
        {
            return null;
        }

        if (ReadVint(bytes, offset + id.Length, keepMarker: false) is not { } size)
        {
            return null;
        }

        var start = offset + id.Length + size.Length;
        // All value bits set means "unknown size", used by live streams; such an element runs to its parent's end.
        var unknown = size.Value == (1UL << (7 * size.Length)) - 1;
        var end = unknown || size.Value > long.MaxValue / 2 ? long.MaxValue / 2 : start + (long)size.Value;
        return new Element((uint)id.Value, start, end, unknown);
    }

    /// <summary>The elements between <paramref name="start"/> and <paramref name="end"/>, stopping at the first that does not fit.</summary>
    public static IEnumerable<Element> Children(byte[] bytes, long start, long end)
    {
        var offset = start;
        end = Math.Min(end, bytes.Length);
        while (offset < end)
        {
            var element = ReadElement(bytes, offset);
            if (element is null)
            {
                yield break;
            }

            if (element.Value.DataEnd > end)
            {
                // Partly beyond what was read: report it clipped (a Cluster, typically), then stop.
                yield return element.Value with { DataEnd = end };
                yield break;
            }

            yield return element.Value;
            offset = element.Value.DataEnd;
        }
    }

    public static ulong UInt(byte[] bytes, Element element)
    {
        ulong value = 0;
        for (var i = element.DataStart; i < element.DataEnd && i - element.DataStart < 8; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    public static double? Float(byte[] bytes, Element element) => (element.DataEnd - element.DataStart) switch
    {
        4 => BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan((int)element.DataStart)),
        8 => BinaryPrimitives.ReadDoubleBigEndian(bytes.AsSpan((int)element.DataStart)),
        _ => null,
    };

    private static (ulong Value, int Length)? ReadVint(byte[] bytes, long offset, bool keepMarker)
    {
        if (offset < 0 || offset >= bytes.Length || bytes[offset] == 0)
        {
            return null;
        }

        var first = bytes[offset];
        var length = System.Numerics.BitOperations.LeadingZeroCount((uint)first) - 24 + 1;
        if (offset + length > bytes.Length)
        {
            return null;
        }

        ulong value = keepMarker ? first : (ulong)(first & (0xFF >> length));
        for (var i = 1; i < length; i++)
        {
            value = (value << 8) | bytes[offset + i];
        }

        return (value, length);
    }
}
