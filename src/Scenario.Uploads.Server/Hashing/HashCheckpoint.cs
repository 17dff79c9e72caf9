using System.Buffers.Binary;
using System.IO.Hashing;

namespace Scenario.Uploads.Server.Hashing;

/// <summary>
/// Where a SHA-256 that follows an upload's parts stood at a part boundary: the state after the first
/// <see cref="Parts"/> parts, and the XXH128 of each of those parts as the hasher read them. A checkpoint
/// proves nothing by itself: it is used only for the parts whose recorded ETag (the XXH128 of the bytes the
/// service stored) still matches, so a part sent again after it was hashed, by this instance or another,
/// can never slip into the SHA-256. Saved without fsync: a checkpoint lost in a crash only costs re-reading.
/// </summary>
internal sealed record HashCheckpoint(int Parts, byte[] State, IReadOnlyList<byte[]> PartDigests)
{
    private const uint Magic = 0x31485353; // "SSH1" little-endian: Scenario SHA-256 checkpoint, version 1
    private const int DigestBytes = 16;

    public byte[] ToBytes()
    {
        var length = 4 + 8 + 4 + 4 + State.Length + Parts * DigestBytes + 8;
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt64LittleEndian(span[4..], Sha256State.LibraryVersion);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], Parts);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], State.Length);
        State.CopyTo(span[20..]);
        var at = 20 + State.Length;
        for (var i = 0; i < Parts; i++, at += DigestBytes)
        {
            PartDigests[i].CopyTo(span[at..]);
        }
        BinaryPrimitives.WriteUInt64LittleEndian(span[at..], XxHash64.HashToUInt64(span[..at]));
        return bytes;
    }

    /// <summary>The checkpoint in <paramref name="bytes"/>; null for anything torn, foreign or of another OpenSSL.</summary>
    public static HashCheckpoint? FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 28 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic
            || XxHash64.HashToUInt64(bytes[..^8]) != BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..])
            || BinaryPrimitives.ReadUInt64LittleEndian(bytes[4..]) != Sha256State.LibraryVersion)
        {
            return null;
        }
        var parts = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
        var stateLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]);
        if (parts < 0 || stateLength <= 0 || 20L + stateLength + (long)parts * DigestBytes + 8 != bytes.Length)
        {
            return null;
        }
        var state = bytes.Slice(20, stateLength).ToArray();
        var digests = new byte[parts][];
        for (var i = 0; i < parts; i++)
        {
            digests[i] = bytes.Slice(20 + stateLength + i * DigestBytes, DigestBytes).ToArray();
        }
        return new HashCheckpoint(parts, state, digests);
    }

    public static HashCheckpoint? Load(string path)
    {
        try
        {
            return FromBytes(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Replaces the file whole (a temporary file renamed over it), so a reader never sees half of one.</summary>
    public void Save(string path)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            File.WriteAllBytes(temporary, ToBytes());
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
