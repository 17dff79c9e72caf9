using System.Text.RegularExpressions;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Services;

/// <summary>
/// The url, huggingface and civitai modes. They are checked fully here; the imports themselves are not
/// available yet, and the service says so rather than pretending.
/// </summary>
internal static partial class RemoteSourceParser
{
    private const int MaxUrlLength = 2048;

    public static ParseResult<CreateUploadRequest> ParseUrl(JsonFields fields, string? kind, AssetOptions? assetOptions)
    {
        var url = fields.String("url");
        if (url.Error is { } error)
        {
            return Fail(error.Code, error.Detail);
        }
        if (KindRules.Check(kind, assetOptions, required: true) is { } kindError)
        {
            return Fail(kindError.Code, kindError.Detail);
        }
        if (!IsHttpUrl(url.Value!))
        {
            return Fail(ErrorCodes.InvalidUrl, $"'url' must be an absolute http or https URL; got '{KindRules.Shorten(url.Value!)}'.");
        }
        return NotYet("Imports from a URL");
    }

    public static ParseResult<CreateUploadRequest> ParseModelHub(JsonFields fields, CreateMode mode, string? kind, AssetOptions? assetOptions)
    {
        if (kind is not null && kind != UploadKinds.Model)
        {
            return Fail(ErrorCodes.InvalidKind, $"Imports from a model hub always have kind model; got '{KindRules.Shorten(kind)}'. Omit kind.");
        }
        if (assetOptions is not null)
        {
            return Fail(ErrorCodes.AssetOptionsNotAllowed, "assetOptions is not available for model imports. Remove assetOptions.");
        }
        if (mode == CreateMode.HuggingFace)
        {
            var name = fields.String("huggingFaceModelName");
            if (name.Error is { } error)
            {
                return Fail(error.Code, error.Detail);
            }
            if (!HuggingFaceName().IsMatch(name.Value!))
            {
                return Fail(ErrorCodes.InvalidModelName,
                    $"'huggingFaceModelName' must look like owner/name (e.g. stabilityai/stable-diffusion-xl-base-1.0); got '{KindRules.Shorten(name.Value!)}'.");
            }
            return NotYet("Imports from Hugging Face");
        }
        var civitai = fields.String("civitaiModelUrl");
        if (civitai.Error is { } civitaiError)
        {
            return Fail(civitaiError.Code, civitaiError.Detail);
        }
        if (!IsHttpUrl(civitai.Value!) || !CivitaiModelPath().IsMatch(new Uri(civitai.Value!).AbsolutePath))
        {
            return Fail(ErrorCodes.InvalidUrl,
                $"'civitaiModelUrl' must be a Civitai model URL such as https://civitai.com/models/370194/name?modelVersionId=413566; got '{KindRules.Shorten(civitai.Value!)}'.");
        }
        return NotYet("Imports from Civitai");
    }

    private static bool IsHttpUrl(string value) =>
        value.Length <= MaxUrlLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    private static ParseResult<CreateUploadRequest> NotYet(string what) =>
        Fail(ErrorCodes.SourceNotSupportedYet,
            $"{what} are not supported by this version of the service yet. Download the file and upload it with a multipart upload.");

    private static ParseResult<CreateUploadRequest> Fail(string code, string detail) => ParseResult<CreateUploadRequest>.Fail(code, detail);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}(@[A-Za-z0-9._/-]{1,128})?$")]
    private static partial Regex HuggingFaceName();

    [GeneratedRegex(@"^/models/\d+(/[^/]*)?/?$")]
    private static partial Regex CivitaiModelPath();
}
