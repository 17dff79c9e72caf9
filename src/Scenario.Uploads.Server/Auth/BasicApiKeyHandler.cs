using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.RateLimits;

namespace Scenario.Uploads.Server.Auth;

/// <summary>HTTP Basic with <c>apiKey:apiSecret</c>, as the Scenario API and its SDKs use.</summary>
public sealed class BasicApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyRepository keys,
    CredentialCache cache,
    FailedAuthLimiter failures) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The 401's <c>WWW-Authenticate</c> (RFC 7617, with the charset the key and secret are read in).</summary>
    public const string Challenge = "Basic realm=\"scenario\", charset=\"UTF-8\"";

    public const string SchemeName = "Basic";

    private static readonly object RefusalItem = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }
        // Credentials verified already pass even from an address that is refused: it can guess nothing with them.
        var key = cache.Find(header.Parameter);
        if (key is null)
        {
            if (failures.Refusal(Context) is { } refusal)
            {
                Context.Response.RegisterForDispose(refusal);
                Context.Items[RefusalItem] = refusal;
                return AuthenticateResult.Fail("Too many failed authentications from this address.");
            }
            if (!TryDecode(header.Parameter, out var apiKey, out var apiSecret))
            {
                failures.Failed(Context);
                return AuthenticateResult.Fail("Malformed Basic credentials.");
            }
            key = await keys.FindAsync(apiKey, Context.RequestAborted);
            var presented = Encoding.ASCII.GetBytes(SecretHasher.Hash(apiSecret));
            var stored = Encoding.ASCII.GetBytes(key?.SecretHash ?? new string('0', presented.Length));
            if (key is null || !CryptographicOperations.FixedTimeEquals(presented, stored))
            {
                failures.Failed(Context);
                return AuthenticateResult.Fail("Unknown API key or wrong secret.");
            }
            cache.Add(header.Parameter, key);
        }
        var identity = new ClaimsIdentity(
            [new Claim(OwnerClaims.Owner, key.OwnerId), new Claim(OwnerClaims.Author, key.AuthorId), new Claim(ClaimTypes.Name, key.ApiKey)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RefusalItem] is System.Threading.RateLimiting.RateLimitLease refusal)
        {
            await RateLimitProblem.For(refusal, "This address sent too many wrong API keys or secrets, so no credentials of it are checked for now.", Context)
                .ExecuteAsync(Context);
            return;
        }
        Response.Headers.WWWAuthenticate = Challenge;
        var detail = Request.Headers.Authorization.Count == 0
            ? "Send your API key and secret with HTTP Basic authentication (curl -u \"$SCENARIO_SDK_API_KEY:$SCENARIO_SDK_API_SECRET\")."
            : "The API key or secret is wrong. Check SCENARIO_SDK_API_KEY and SCENARIO_SDK_API_SECRET.";
        await ApiProblem.Create(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, detail).ExecuteAsync(Context);
    }

    private static bool TryDecode(string parameter, out string apiKey, out string apiSecret)
    {
        apiKey = apiSecret = "";
        Span<byte> bytes = stackalloc byte[Math.Min(parameter.Length, 1024)];
        if (parameter.Length > 1024 || !Convert.TryFromBase64String(parameter, bytes, out var written))
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(bytes[..written]);
        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }
        apiKey = text[..colon];
        apiSecret = text[(colon + 1)..];
        return true;
    }
}
