using System.Text.Json;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Requests;

/// <summary>
/// Reads a create body field by field, so every wrong type or value gets an answer naming the field
/// and what it must be (a generic deserializer would say "could not convert").
/// </summary>
public static class CreateUploadParser
{
    public static Result<CreateUploadRequest> Parse(JsonElement root, long maxFileSize)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Result<CreateUploadRequest>.Fail(ErrorCodes.InvalidJson, "The request body must be a JSON object.");
        }
        var fields = new JsonFields(root);
        var mode = DetectMode(fields);
        if (mode.Error is { } modeError)
        {
            return Result<CreateUploadRequest>.Fail(modeError.Code, modeError.Detail);
        }
        var kind = fields.String("kind");
        var assetOptions = AssetOptionsParser.Parse(fields);
        var common = FirstError(kind, assetOptions);
        if (common is not null)
        {
            return Result<CreateUploadRequest>.Fail(common.Code, common.Detail);
        }
        return mode.Value switch
        {
            CreateMode.Multipart => MultipartParser.Parse(fields, kind.Value, assetOptions.Value, maxFileSize),
            CreateMode.Url => RemoteSourceParser.ParseUrl(fields, kind.Value, assetOptions.Value),
            _ => RemoteSourceParser.ParseModelHub(fields, mode.Value, kind.Value, assetOptions.Value),
        };
    }

    private static Result<CreateMode> DetectMode(JsonFields fields)
    {
        var present = new List<(CreateMode Mode, string Field)>();
        if (fields.Has("fileName") || fields.Has("fileSize") || fields.Has("parts"))
        {
            present.Add((CreateMode.Multipart, "fileName/fileSize/parts"));
        }
        if (fields.Has("url"))
        {
            present.Add((CreateMode.Url, "url"));
        }
        if (fields.Has("huggingFaceModelName"))
        {
            present.Add((CreateMode.HuggingFace, "huggingFaceModelName"));
        }
        if (fields.Has("civitaiModelUrl"))
        {
            present.Add((CreateMode.Civitai, "civitaiModelUrl"));
        }
        return present.Count switch
        {
            0 => Result<CreateMode>.Fail(ErrorCodes.MissingMode,
                "Say what to upload: fileName, contentType, fileSize, parts and kind for a multipart upload; url and kind; huggingFaceModelName; or civitaiModelUrl."),
            1 => Result<CreateMode>.Ok(present[0].Mode),
            _ => Result<CreateMode>.Fail(ErrorCodes.ConflictingModes,
                $"Use exactly one way to create an upload; this request mixes {string.Join(" and ", present.Select(p => p.Field))}."),
        };
    }

    private static Problem? FirstError(params IFallible[] results) =>
        results.Select(r => r.Error).FirstOrDefault(e => e is not null);
}
