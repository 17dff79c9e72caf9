using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Signing;

/// <summary>
/// Signs the URLs the service serves without API credentials: part PUTs and file downloads. The signature
/// is an HMAC-SHA256 over the method, the resource and the expiry, so none of them can be changed.
/// </summary>
public sealed class UrlSigner : IPartUrlSigner, IDownloadUrlSigner, IDisposable
{
    // The longest payload: "PUT\n" + an upload id + "\n" + a part number + "\n" + a Unix time, or "GET\n" +
    // an entity id + "\n" + a Unix time. Ids are ours (a prefix and 26 characters); 256 bytes is ample.
    private const int MaxPayloadBytes = 256;

    // One keyed HMAC per thread, reset after each use: a fresh HMACSHA256.HashData call sets up an OpenSSL
    // context every time, and a retrieve signs a URL for every part.
    private readonly ThreadLocal<IncrementalHash> _hmac;
    private int _disposed;

    public UrlSigner(IOptions<UploadsOptions> options)
    {
        var key = SigningKey.Load(options.Value);
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key), trackAllValues: true);
    }

    public string SignPartUrl(UploadRecord upload, int partNumber, DateTimeOffset expires, string publicBaseUrl)
    {
        var unix = expires.ToUnixTimeSeconds();
        return $"{publicBaseUrl}v1/uploads/{upload.Id}/parts/{partNumber}?expires={unix}&signature={TryPartSignature(upload.Id, partNumber, unix) ?? throw TooLong(upload.Id)}";
    }

    public string SignDownloadUrl(DownloadTarget target, DateTimeOffset expires, string publicBaseUrl) =>
        SignDownloadUrl(target.EntityId, expires, publicBaseUrl);

    public string SignDownloadUrl(string entityId, DateTimeOffset expires, string publicBaseUrl)
    {
        var unix = expires.ToUnixTimeSeconds();
        return $"{publicBaseUrl}v1/files/{entityId}?expires={unix}&signature={TryDownloadSignature(entityId, unix) ?? throw TooLong(entityId)}";
    }

    public SignatureCheck VerifyPart(string uploadId, int partNumber, string? expires, string? signature, DateTimeOffset now) =>
        TryParseExpiry(expires, out var unix) ? Verify(TryPartSignature(uploadId, partNumber, unix), unix, signature, now) : SignatureCheck.Invalid;

    public SignatureCheck VerifyDownload(string entityId, string? expires, string? signature, DateTimeOffset now) =>
        TryParseExpiry(expires, out var unix) ? Verify(TryDownloadSignature(entityId, unix), unix, signature, now) : SignatureCheck.Invalid;

    public void Dispose()
    {
        // The container disposes it once per service it is registered as.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        foreach (var hmac in _hmac.Values)
        {
            hmac.Dispose();
        }
        _hmac.Dispose();
    }

    // Null when the payload does not fit: never for our own ids, so only for a forged URL, which then
    // verifies as invalid.
    private string? TryPartSignature(string uploadId, int partNumber, long unixExpiry)
    {
        Span<byte> payload = stackalloc byte[MaxPayloadBytes];
        return Utf8.TryWrite(payload, CultureInfo.InvariantCulture, $"PUT\n{uploadId}\n{partNumber}\n{unixExpiry}", out var length)
            ? Compute(payload[..length])
            : null;
    }

    private string? TryDownloadSignature(string entityId, long unixExpiry)
    {
        Span<byte> payload = stackalloc byte[MaxPayloadBytes];
        return Utf8.TryWrite(payload, CultureInfo.InvariantCulture, $"GET\n{entityId}\n{unixExpiry}", out var length)
            ? Compute(payload[..length])
            : null;
    }

    private static ArgumentException TooLong(string id) => new($"Id too long to sign: {id.Length} characters.");

    private static bool TryParseExpiry(string? expires, out long unix) =>
        long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out unix);

    private static SignatureCheck Verify(string? expected, long unixExpiry, string? signature, DateTimeOffset now)
    {
        if (expected is null || string.IsNullOrEmpty(signature)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return SignatureCheck.Invalid;
        }
        // Checked after the signature, so only a genuine URL learns that it expired.
        return unixExpiry < now.ToUnixTimeSeconds() ? SignatureCheck.Expired : SignatureCheck.Valid;
    }

    private string Compute(ReadOnlySpan<byte> payload)
    {
        var hmac = _hmac.Value!;
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hmac.AppendData(payload);
        hmac.GetHashAndReset(mac);
        return Base64Url.EncodeToString(mac);
    }
}

public enum SignatureCheck
{
    Valid,
    Invalid,
    Expired,
}
