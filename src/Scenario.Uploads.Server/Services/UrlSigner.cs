using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Services;

/// <summary>
/// Signs the URLs the service serves without API credentials: part PUTs and file downloads. The signature
/// is an HMAC-SHA256 over the method, the resource and the expiry, so none of them can be changed.
/// </summary>
public sealed class UrlSigner : IPartUrlSigner, IDownloadUrlSigner
{
    private readonly byte[] _key;

    public UrlSigner(IOptions<UploadsOptions> options)
    {
        _key = SigningKey.Load(options.Value);
    }

    public Uri SignPartUrl(UploadRecord upload, int partNumber, DateTimeOffset expires, Uri publicBaseUrl) =>
        Sign(publicBaseUrl, $"v1/uploads/{upload.Id}/parts/{partNumber}", PartPayload(upload.Id, partNumber), expires);

    public Uri SignDownloadUrl(DownloadTarget target, DateTimeOffset expires, Uri publicBaseUrl) =>
        SignDownloadUrl(target.EntityId, expires, publicBaseUrl);

    public Uri SignDownloadUrl(string entityId, DateTimeOffset expires, Uri publicBaseUrl) =>
        Sign(publicBaseUrl, $"v1/files/{entityId}", DownloadPayload(entityId), expires);

    public SignatureCheck VerifyPart(string uploadId, int partNumber, string? expires, string? signature, DateTimeOffset now) =>
        Verify(PartPayload(uploadId, partNumber), expires, signature, now);

    public SignatureCheck VerifyDownload(string entityId, string? expires, string? signature, DateTimeOffset now) =>
        Verify(DownloadPayload(entityId), expires, signature, now);

    private static string PartPayload(string uploadId, int partNumber) => $"PUT\n{uploadId}\n{partNumber}";

    private static string DownloadPayload(string entityId) => $"GET\n{entityId}";

    private Uri Sign(Uri publicBaseUrl, string path, string payload, DateTimeOffset expires)
    {
        var unix = expires.ToUnixTimeSeconds();
        var signature = Compute(payload, unix);
        return new Uri(publicBaseUrl, $"{path}?expires={unix}&signature={signature}");
    }

    private SignatureCheck Verify(string payload, string? expires, string? signature, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signature) || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            return SignatureCheck.Invalid;
        }
        var expected = Encoding.ASCII.GetBytes(Compute(payload, unix));
        var given = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return SignatureCheck.Invalid;
        }
        // Checked after the signature, so only a genuine URL learns that it expired.
        return unix < now.ToUnixTimeSeconds() ? SignatureCheck.Expired : SignatureCheck.Valid;
    }

    private string Compute(string payload, long unixExpiry)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{payload}\n{unixExpiry}"));
        return Base64Url.EncodeToString(mac);
    }
}

public enum SignatureCheck
{
    Valid,
    Invalid,
    Expired,
}
