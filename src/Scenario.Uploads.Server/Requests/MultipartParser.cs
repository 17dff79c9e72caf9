using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Requests;

/// <summary>The multipart mode: fileName, contentType, fileSize, parts and kind, and a part plan that works.</summary>
internal static class MultipartParser
{
    public static Result<CreateUploadRequest> Parse(JsonFields fields, string? kind, AssetOptions? assetOptions, long maxFileSize)
    {
        var fileName = fields.String("fileName");
        var contentType = fields.String("contentType");
        var fileSize = fields.Integer("fileSize");
        var parts = fields.Integer("parts");
        var typeError = new IFallible[] { fileName, contentType, fileSize, parts }.Select(r => r.Error).FirstOrDefault(e => e is not null);
        if (typeError is not null)
        {
            return Fail(typeError.Code, typeError.Detail);
        }
        var missing = new[] { ("fileName", fields.Has("fileName")), ("contentType", fields.Has("contentType")), ("fileSize", fields.Has("fileSize")), ("parts", fields.Has("parts")), ("kind", kind is not null) }
            .Where(f => !f.Item2).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
        {
            return Fail(ErrorCodes.MissingField, $"A multipart upload needs fileName, contentType, fileSize, parts and kind; missing: {string.Join(", ", missing)}.");
        }
        if (KindCheck.Check(kind, assetOptions, required: true) is { } kindError)
        {
            return Fail(kindError.Code, kindError.Detail);
        }
        if (FileNames.IsTooLong(fileName.Value!))
        {
            return Fail(ErrorCodes.InvalidField,
                $"'fileName' may be at most {FileNames.MaxBytes} bytes in UTF-8 (the longest file name filesystems allow); "
                + $"got {System.Text.Encoding.UTF8.GetByteCount(fileName.Value!)} bytes.");
        }
        if (FileNames.Sanitize(fileName.Value!) is not { } safeName)
        {
            return Fail(ErrorCodes.InvalidField, "'fileName' must contain a file name (letters, digits, …), not only a path, dots or control characters.");
        }
        // Only spaces: a no-break space or a tab is not something a header may start or end with either.
        var mediaType = contentType.Value!.Trim(' ');
        if (!MediaTypes.IsValid(mediaType))
        {
            return Fail(ErrorCodes.InvalidField,
                $"'contentType' must be a media type such as {MediaTypes.Example}: type/subtype, then optional '; name=value' parameters, "
                + $"in printable ASCII, at most {MediaTypes.MaxLength} characters; got '{KindCheck.Shorten(contentType.Value)}'.");
        }
        if (fileSize.Value < 0)
        {
            return Fail(ErrorCodes.InvalidFileSize, $"'fileSize' must be the file's size in bytes, 0 or more; got {fileSize.Value}.");
        }
        if (fileSize.Value > maxFileSize)
        {
            return Fail(ErrorCodes.FileTooLarge, $"'fileSize' is {fileSize.Value} bytes; this service accepts files up to {maxFileSize} bytes.");
        }
        if (parts.Value is < 1 or > PartPlan.MaxParts)
        {
            return Fail(ErrorCodes.PartsOutOfRange, $"'parts' must be between 1 and {PartPlan.MaxParts}; got {parts.Value}.");
        }
        if (PartPlan.Check(fileSize.Value!.Value, (int)parts.Value!.Value) is { } planError)
        {
            return Fail(ErrorCodes.InvalidPartPlan, planError);
        }
        // The name is sanitised once, here: the upload keeps it, and the original beside it.
        return Result<CreateUploadRequest>.Ok(new MultipartCreate(
            kind!, assetOptions, safeName, fileName.Value!, mediaType, fileSize.Value.Value, (int)parts.Value.Value));
    }

    private static Result<CreateUploadRequest> Fail(string code, string detail) => Result<CreateUploadRequest>.Fail(code, detail);
}
