using Scenario.Uploads.Server.Wire;
using System.Globalization;
using Microsoft.OpenApi;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Requests;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>The bounds of one field or parameter, as JSON Schema says them.</summary>
internal sealed record FieldLimit(
    int? MinLength = null, int? MaxLength = null, string? Pattern = null, string? Format = null,
    long? Minimum = null, long? Maximum = null, int? MaxItems = null, FieldLimit? Items = null)
{
    public void ApplyTo(OpenApiSchema schema)
    {
        schema.MinLength = MinLength ?? schema.MinLength;
        schema.MaxLength = MaxLength ?? schema.MaxLength;
        schema.Pattern = Pattern ?? schema.Pattern;
        schema.Format = Format ?? schema.Format;
        schema.Minimum = Minimum?.ToString(CultureInfo.InvariantCulture) ?? schema.Minimum;
        schema.Maximum = Maximum?.ToString(CultureInfo.InvariantCulture) ?? schema.Maximum;
        schema.MaxItems = MaxItems ?? schema.MaxItems;
        if (Items is not null && schema.Items is OpenApiSchema items)
        {
            Items.ApplyTo(items);
        }
    }
}

/// <summary>
/// The limits the service enforces on what it reads, taken from the constants the parsers check (one home for
/// each), so the document cannot promise more or less than a create is held to. <c>fileSize</c>'s maximum is
/// the configured <c>Uploads:MaxFileSize</c>.
/// </summary>
internal static class FieldLimits
{
    public static readonly FieldLimit Id = new(MinLength: Ids.MinLength, MaxLength: Ids.MaxLength, Pattern: Ids.Pattern);

    private static readonly FieldLimit Url = new(MaxLength: RemoteSourceParser.MaxUrlLength, Format: "uri");

    // A media type: type/subtype in printable ASCII, then optional parameters (MediaTypes holds the whole rule).
    private static readonly FieldLimit ContentType = new(MinLength: 3, MaxLength: MediaTypes.MaxLength, Pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+( *;[ -~]*)?$");

    // A JSON Schema length counts characters; a UTF-8 byte is never less than one, so 255 characters bound the 255 bytes.
    private static readonly FieldLimit FileName = new(MinLength: 1, MaxLength: FileNames.MaxBytes);

    private static readonly FieldLimit Collections = new(MaxItems: AssetOptionsParser.MaxCollections, Items: Id);

    public static FieldLimit? Find(Type type, string wireName, long maxFileSize) => (type.Name, wireName) switch
    {
        (nameof(UploadCreateParams), "fileName") => FileName,
        (nameof(UploadCreateParams), "contentType") => ContentType,
        (nameof(UploadCreateParams), "fileSize") => new FieldLimit(Minimum: 0, Maximum: maxFileSize, Format: "int64"),
        (nameof(UploadCreateParams), "url" or "civitaiModelUrl") => Url,
        (nameof(UploadCreateParams), "huggingFaceModelName") =>
            new FieldLimit(MinLength: 3, MaxLength: RemoteSourceParser.MaxHuggingFaceNameLength, Pattern: RemoteSourceParser.HuggingFaceNamePattern),
        (nameof(AssetOptionsDto), "collectionIds") => Collections,
        (nameof(AssetOptionsDto), "parentId") => Id,
        _ => null,
    };
}
