using System.Globalization;
using Microsoft.OpenApi;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Http;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// The parameters handlers read themselves (a signed URL's query, paging, headers), and the bounds of the path's
/// ids, which the generator only knows as strings: each as the service reads it, with the limits it enforces.
/// </summary>
internal static class WireParameters
{
    // DateTimeOffset.MaxValue: the largest expiry a URL can carry.
    private const long LastUnixSecond = 253_402_300_799;

    // HMAC-SHA256 in base64url without padding (UrlSigner).
    private const int SignatureLength = 43;

    // Base64url of "<unix ms>:<upload id>" (PageRequest): 19 digits, a colon and an id of at most 64 characters.
    private const int MaxPaginationTokenLength = (19 + 1 + Ids.MaxLength + 2) / 3 * 4;

    public static OpenApiParameter Expires() => Query("expires", required: true,
        "When the URL stops being valid: Unix time in whole seconds (UTC), as signed. (The answers' `parts[].expires` "
        + "gives the same instant in ISO 8601.)",
        new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0", Maximum = Text(LastUnixSecond) });

    public static OpenApiParameter Signature() => Query("signature", required: true,
        "The URL's signature (base64url of an HMAC-SHA256), as the service gave it.",
        new OpenApiSchema { Type = JsonSchemaType.String, MinLength = SignatureLength, MaxLength = SignatureLength, Pattern = "^[A-Za-z0-9_-]+$" });

    public static OpenApiParameter PageSize() => Query("pageSize", required: false,
        $"Uploads per page, 1 to {PageRequest.MaxSize} (default {PageRequest.DefaultSize}).",
        new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = Text(PageRequest.MaxSize) });

    public static OpenApiParameter PaginationToken() => Query("paginationToken", required: false,
        "The `nextPaginationToken` of the previous page, unchanged (an opaque cursor, not a credential).",
        new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = MaxPaginationTokenLength, Pattern = "^[A-Za-z0-9_-]*$" });

    public static OpenApiParameter ContentMd5() => new()
    {
        Name = "Content-MD5",
        In = ParameterLocation.Header,
        Description = "Optional: the base64 of the part's MD5, checked (`400 bad_digest` on a mismatch).",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 24, MaxLength = 24, Pattern = "^[A-Za-z0-9+/]{22}==$" },
    };

    public static OpenApiParameter Range() => new()
    {
        Name = "Range",
        In = ParameterLocation.Header,
        Description = "Optional: one range, `bytes=start-end`, `bytes=start-` or `bytes=-suffix`, to resume or seek "
            + "(`416 range_not_satisfiable` outside the file; several ranges are answered with the whole file).",
        // "bytes=" and two numbers of at most 19 digits around the dash.
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 6 + 19 + 1 + 19, Pattern = "^bytes=[0-9]*-[0-9]*$" },
    };

    /// <summary>The ids in the path (<c>uploadId</c>, <c>assetId</c>…) and the part number, bounded as the service reads them.</summary>
    public static void BoundPath(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path))
        {
            if (parameter.Name == "partNumber")
            {
                parameter.Description = $"The part's number, 1 to the upload's `parts` (at most {PartPlan.MaxParts}).";
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = Text(PartPlan.MaxParts) };
            }
            else if (parameter.Name?.EndsWith("Id", StringComparison.Ordinal) == true)
            {
                parameter.Description = "An id the service gave (a prefix such as `upload_`, then letters and digits); any other is `404 not_found`.";
                var schema = new OpenApiSchema { Type = JsonSchemaType.String };
                FieldLimits.Id.ApplyTo(schema);
                parameter.Schema = schema;
            }
        }
    }

    private static OpenApiParameter Query(string name, bool required, string description, OpenApiSchema schema) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = required,
        Description = description,
        Schema = schema,
    };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
