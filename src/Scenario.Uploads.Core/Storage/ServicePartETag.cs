namespace Scenario.Uploads.Storage;

/// <summary>
/// The ETag of a part the service stored itself: <c>xxh128-</c> and the 32 hex digits of the XXH128 of its
/// bytes. The prefix names the digest, so a client can check it (the SDK does) and never confuses it with
/// the MD5 ETags an S3 store gives to parts sent to it directly.
/// </summary>
public static class ServicePartETag
{
    public const string Xxh128Prefix = "xxh128-";

    public static string FromXxh128(byte[] digest) => Xxh128Prefix + Convert.ToHexStringLower(digest);
}
