using System.Security.Cryptography;
using System.Text;
using Scenario.Uploads.Errors;

namespace Scenario.Uploads.Server.Requests;

/// <summary>
/// The <c>Idempotency-Key</c> of a create (the IETF httpapi draft's header, as Stripe and most payment APIs
/// take it): with the body it came with, what makes a retried create return the first one's upload.
/// </summary>
public sealed record IdempotentRequest(string Key, string RequestSha256)
{
    public const string Header = "Idempotency-Key";

    /// <summary>The header a replayed create answers with, as Stripe's: the upload is the one made earlier.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxKeyLength = 255;

    /// <summary>The request's key and body digest; null without the header; a problem for a malformed key.</summary>
    /// <remarks>The body's text is only copied out for a request that has the header: most creates do not.</remarks>
    public static Result<IdempotentRequest?> Read(HttpRequest request, System.Text.Json.JsonElement body)
    {
        var values = request.Headers[Header];
        if (values.Count == 0)
        {
            return Result<IdempotentRequest?>.Ok(null);
        }
        var key = values.Count == 1 ? values[0] ?? "" : "";
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return Result<IdempotentRequest?>.Fail(ErrorCodes.InvalidIdempotencyKey,
                $"The {Header} header must be one value of 1 to {MaxKeyLength} printable ASCII characters without spaces, such as a UUID.");
        }
        return Result<IdempotentRequest?>.Ok(new IdempotentRequest(key, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.GetRawText())))));
    }
}
