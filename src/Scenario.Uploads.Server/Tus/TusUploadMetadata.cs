using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Requests;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// What a tus upload's metadata says of the file: <c>filename</c> (or Uppy's <c>name</c>), <c>filetype</c> (or
/// <c>type</c>), <c>kind</c> (one of the reference's; absent: decided by the content once it is in) and the
/// reference's assetOptions (<c>collectionIds</c> comma-separated, <c>parentId</c>, <c>hide</c>). Other keys are
/// the client's own and are kept for HEAD without meaning anything here.
/// </summary>
internal sealed record TusUploadMetadata(string FileName, string OriginalFileName, string ContentType, string? Kind, AssetOptions? AssetOptions)
{
    private const string DefaultName = "upload";
    private const string DefaultType = "application/octet-stream";

    /// <summary>What the client's metadata asks of the upload, or why it cannot be one.</summary>
    public static Result<TusUploadMetadata> Read(string? header)
    {
        var (values, error) = TusMetadata.Parse(header);
        if (error is not null || values is null)
        {
            return Result<TusUploadMetadata>.Fail(TusProblems.BadHeader(error ?? "Upload-Metadata is not valid."));
        }
        var kind = values.GetValueOrDefault("kind");
        if (kind is not null && !UploadKinds.IsKnown(kind))
        {
            return Result<TusUploadMetadata>.Fail(ErrorCodes.InvalidKind,
                $"The metadata's kind '{kind}' is not one of {string.Join(", ", UploadKinds.All)}; leave it out to have the file's content decide.");
        }
        var original = values.GetValueOrDefault("filename") ?? values.GetValueOrDefault("name") ?? DefaultName;
        if (FileNames.IsTooLong(original))
        {
            return Result<TusUploadMetadata>.Fail(ErrorCodes.InvalidField, $"The file name is longer than {FileNames.MaxBytes} bytes.");
        }
        var options = AssetOptionsOf(values);
        if (options.Error is { } optionsError)
        {
            return Result<TusUploadMetadata>.Fail(optionsError);
        }
        if (options.Value is not null && kind == UploadKinds.Model)
        {
            return Result<TusUploadMetadata>.Fail(ErrorCodes.AssetOptionsNotAllowed, "collectionIds, parentId and hide apply to assets; kind model makes a model.");
        }
        // The API's own rule for a content type (MultipartParser): what a download could not be served as is refused.
        var type = (values.GetValueOrDefault("filetype") ?? values.GetValueOrDefault("type"))?.Trim(' ');
        if (!string.IsNullOrEmpty(type) && !MediaTypes.IsValid(type))
        {
            return Result<TusUploadMetadata>.Fail(ErrorCodes.InvalidField,
                $"The metadata's filetype must be a media type such as {MediaTypes.Example}, in printable ASCII, at most {MediaTypes.MaxLength} characters.");
        }
        return Result<TusUploadMetadata>.Ok(new TusUploadMetadata(
            FileNames.Sanitize(original) ?? DefaultName, original, string.IsNullOrEmpty(type) ? DefaultType : type, kind, options.Value));
    }

    /// <summary>The kind the metadata names, if any (read again at the last byte).</summary>
    public static string? KindGiven(string? header) => Read(header).Value?.Kind;

    private static Result<AssetOptions?> AssetOptionsOf(IReadOnlyDictionary<string, string> values)
    {
        var collections = values.GetValueOrDefault("collectionIds")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var parentId = values.GetValueOrDefault("parentId");
        bool? hide = null;
        if (values.GetValueOrDefault("hide") is { } hideText)
        {
            if (!bool.TryParse(hideText, out var parsed))
            {
                return Result<AssetOptions?>.Fail(ErrorCodes.InvalidField, "The metadata's hide must be true or false.");
            }
            hide = parsed;
        }
        return Result<AssetOptions?>.Ok(collections is null && parentId is null && hide is null
            ? null
            : new AssetOptions(collections, hide, string.IsNullOrEmpty(parentId) ? null : parentId));
    }
}
