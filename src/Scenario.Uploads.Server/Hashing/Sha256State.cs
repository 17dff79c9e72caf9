using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Scenario.Uploads.Server.Hashing;

/// <summary>
/// A SHA-256 in progress whose state can be copied and saved: OpenSSL's <c>SHA256_CTX</c>, held in a managed
/// buffer. .NET's <see cref="IncrementalHash"/> cannot hand out its state, and a hash that follows a
/// 50 GB upload over hours must survive a restart and step back to a part boundary when a part is sent
/// again. OpenSSL is the library .NET's own SHA-256 calls on Linux (the same SHA-NI code);
/// its <c>SHA256_CTX</c> is a plain public struct (sha.h), so copying its bytes copies the hash.
/// </summary>
internal sealed class Sha256State
{
    // sizeof(SHA256_CTX) is 112 bytes in OpenSSL 1.1 and 3.x; a larger buffer keeps a future layout from
    // writing past ours, and all of it is saved.
    private const int ContextBytes = 256;
    private const string Library = "libcrypto.so.3";

    private readonly byte[] _context;

    /// <summary>The length of what <see cref="Export"/> gives.</summary>
    public const int SavedLength = ContextBytes;

    private Sha256State(byte[] context) => _context = context;

    /// <summary>True when OpenSSL's SHA-256 can be called here and gives SHA-256's known answer.</summary>
    public static bool IsAvailable { get; } = Probe();

    /// <summary>The OpenSSL version the state's layout belongs to: a saved state is only restored into the same one.</summary>
    public static ulong LibraryVersion { get; } = IsAvailable ? OpenSslVersionNumber() : 0;

    public static Sha256State Start()
    {
        var context = new byte[ContextBytes];
        if (SHA256_Init(context) != 1)
        {
            throw new CryptographicException("OpenSSL's SHA256_Init failed.");
        }
        return new Sha256State(context);
    }

    /// <summary>A state saved by <see cref="Export"/> (of the same <see cref="LibraryVersion"/>).</summary>
    public static Sha256State Import(ReadOnlySpan<byte> saved)
    {
        if (saved.Length != ContextBytes)
        {
            throw new ArgumentException($"A saved SHA-256 state has {ContextBytes} bytes, not {saved.Length}.", nameof(saved));
        }
        return new Sha256State(saved.ToArray());
    }

    public byte[] Export() => (byte[])_context.Clone();

    public Sha256State Clone() => new(Export());

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }
        if (SHA256_Update(_context, ref MemoryMarshal.GetReference(data), (nuint)data.Length) != 1)
        {
            throw new CryptographicException("OpenSSL's SHA256_Update failed.");
        }
    }

    /// <summary>The digest of everything appended, in lower-case hex; this state itself is left as it was.</summary>
    public string ToHex()
    {
        var digest = new byte[32];
        if (SHA256_Final(digest, Export()) != 1)
        {
            throw new CryptographicException("OpenSSL's SHA256_Final failed.");
        }
        return Convert.ToHexStringLower(digest);
    }

    private static bool Probe()
    {
        try
        {
            // Two appends across a block boundary, then a copy: the operations this class is used for.
            var data = new byte[200];
            new Random(18).NextBytes(data);
            var state = Start();
            state.Append(data.AsSpan(0, 70));
            var copy = Import(state.Export());
            copy.Append(data.AsSpan(70));
            return copy.ToHex() == Convert.ToHexStringLower(SHA256.HashData(data));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or CryptographicException)
        {
            return false;
        }
    }

    [DllImport(Library)]
    private static extern int SHA256_Init(byte[] context);

    [DllImport(Library)]
    private static extern int SHA256_Update(byte[] context, ref byte data, nuint length);

    [DllImport(Library)]
    private static extern int SHA256_Final(byte[] digest, byte[] context);

    [DllImport(Library, EntryPoint = "OpenSSL_version_num")]
    private static extern ulong OpenSslVersionNumber();
}
