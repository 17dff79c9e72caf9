using System.Security.Cryptography;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// tus 1.0's checksum extension: <c>Upload-Checksum: &lt;algorithm&gt; &lt;base64 digest&gt;</c> on a PATCH, checked
/// against the bytes of that request alone. sha1 is the one the protocol makes every server support; md5 and
/// sha256 are what clients that send checksums (tuspy, the Java and mobile clients) also offer.
/// </summary>
public sealed record TusChecksum(string Algorithm, byte[] Digest)
{
    public const string Header = "Upload-Checksum";

    /// <summary>The algorithms announced in <c>Tus-Checksum-Algorithm</c>, in the order announced.</summary>
    public static readonly IReadOnlyList<string> Algorithms = ["sha1", "md5", "sha256"];

    /// <summary>The checksum of <paramref name="header"/>: null when absent, or the reason it cannot be used.</summary>
    public static (TusChecksum? Checksum, string? Error) Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, null);
        }
        var parts = header.Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        var algorithm = parts[0].ToLowerInvariant();
        if (!Algorithms.Contains(algorithm))
        {
            return (null, $"{Header} names the algorithm '{parts[0]}', which this service does not support; use one of {string.Join(", ", Algorithms)}.");
        }
        var expectedLength = HashAlgorithmFor(algorithm) switch
        {
            var name when name == HashAlgorithmName.SHA1 => SHA1.HashSizeInBytes,
            var name when name == HashAlgorithmName.MD5 => MD5.HashSizeInBytes,
            _ => SHA256.HashSizeInBytes,
        };
        var digest = new byte[expectedLength + 3];
        if (parts.Length < 2 || !Convert.TryFromBase64String(parts[1], digest, out var written) || written != expectedLength)
        {
            return (null, $"{Header} must carry a Base64 {algorithm} digest of {expectedLength} bytes after the algorithm's name.");
        }
        return (new TusChecksum(algorithm, digest[..expectedLength]), null);
    }

    /// <summary>A running hash of the request's bytes, to compare with <see cref="Digest"/> at its end.</summary>
    public IncrementalHash NewHash() => IncrementalHash.CreateHash(HashAlgorithmFor(Algorithm));

    public bool Matches(ReadOnlySpan<byte> computed) => CryptographicOperations.FixedTimeEquals(computed, Digest);

    private static HashAlgorithmName HashAlgorithmFor(string algorithm) => algorithm switch
    {
        "sha1" => HashAlgorithmName.SHA1,
        "md5" => HashAlgorithmName.MD5,
        "sha256" => HashAlgorithmName.SHA256,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not an announced checksum algorithm."),
    };
}
