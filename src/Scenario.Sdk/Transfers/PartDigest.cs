using System.IO.Hashing;
using System.Security.Cryptography;

namespace Scenario.Transfers;

/// <summary>
/// The digest of a part as it is sent, to check against the ETag the store answers with, so a part damaged
/// on the way is sent again. The service's own part URLs answer <c>"xxh128-&lt;hex&gt;"</c>; an S3 store's
/// presigned URLs (which carry <c>X-Amz-Signature</c>) answer with the part's MD5. Only the digest the URL
/// will be answered with is computed: MD5 costs many times the CPU of XXH128.
/// </summary>
internal sealed class PartDigest : IDisposable
{
    private const string Xxh128Prefix = "xxh128-";
    private readonly XxHash128? _xxh128;
    private readonly IncrementalHash? _md5;

    private PartDigest(bool md5)
    {
        if (md5)
        {
            _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        }
        else
        {
            _xxh128 = new XxHash128();
        }
    }

    public static PartDigest For(string url) => new(url.Contains("X-Amz-Signature=", StringComparison.OrdinalIgnoreCase));

    /// <summary>The lowercase hex digest of everything appended, once <see cref="Finish"/> ran.</summary>
    public string? Hex { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _xxh128?.Append(bytes);
        _md5?.AppendData(bytes);
    }

    public void Finish() =>
        Hex = Convert.ToHexStringLower(_xxh128?.GetHashAndReset() ?? _md5!.GetHashAndReset());

    /// <summary>
    /// Whether <paramref name="etag"/> (unquoted) says the store holds other bytes than were sent. An ETag
    /// in a form this digest cannot be compared with (an S3 multipart or encrypted-object ETag, say) proves nothing.
    /// </summary>
    public bool Contradicts(string? etag)
    {
        if (Hex is null || etag is null)
        {
            return false;
        }
        var comparable = _xxh128 is not null
            ? etag.StartsWith(Xxh128Prefix, StringComparison.OrdinalIgnoreCase) ? etag[Xxh128Prefix.Length..] : null
            : etag.Length == 32 ? etag : null;
        return comparable is not null && !string.Equals(comparable, Hex, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _md5?.Dispose();
}
