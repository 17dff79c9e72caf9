using Microsoft.OpenApi;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>The two ways to be allowed in: an API key for the API, the signature of a URL it handed out for the bytes.</summary>
internal static class SecuritySchemes
{
    public const string ApiKey = "apiKey";
    public const string SignedUrl = "signedUrl";

    public static Dictionary<string, IOpenApiSecurityScheme> All() => new()
    {
        [ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "HTTP Basic with the API key as the user name and the API secret as the password "
                + "(`curl -u \"$SCENARIO_API_KEY:$SCENARIO_API_SECRET\"`). A missing or wrong one is `401 unauthorized`.",
        },
        [SignedUrl] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = "signature",
            Description = "The part and download URLs the service hands out carry their own credential: `expires` and "
                + "`signature` in the query (an HMAC of the path and expiry, or S3's presigned query on S3). Use them "
                + "exactly as given, with no API key: a changed one is `403 invalid_signature`, an old one `403 url_expired` "
                + "(retrieve the upload, asset or model again for fresh ones).",
        },
    };
}
