using System.Security.Cryptography;
using System.Text;

namespace Scenario.Uploads.Server.Webhooks;

/// <summary>
/// The <c>Scenario-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>
/// with the key's webhook secret. The time is signed too, so a receiver can refuse a replayed old delivery.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Scenario-Signature";
    public const string EventIdHeader = "Scenario-Event-Id";

    public static string For(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        $"t={timestamp},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}";

    public static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes($"{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
