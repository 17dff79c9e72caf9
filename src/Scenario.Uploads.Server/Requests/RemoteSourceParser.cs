using System.Text.RegularExpressions;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Requests;

/// <summary>
/// The url, huggingface and civitai modes, checked fully here so that a request that cannot work is
/// answered 400 at once; whether the target exists and may be reached is the import job's business.
/// </summary>
internal static partial class RemoteSourceParser
{
    public const int MaxUrlLength = 2048;

    /// <summary>owner/name, optionally @revision: also the OpenAPI document's pattern for the field.</summary>
    public const string HuggingFaceNamePattern = @"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}(@[A-Za-z0-9._/-]{1,128})?$";

    /// <summary>The longest name <see cref="HuggingFaceNamePattern"/> matches.</summary>
    public const int MaxHuggingFaceNameLength = 96 + 1 + 96 + 1 + 128;

    public static Result<CreateUploadRequest> ParseUrl(JsonFields fields, string? kind, AssetOptions? assetOptions)
    {
        var url = fields.String("url");
        if (url.Error is { } error)
        {
            return Fail(error.Code, error.Detail);
        }
        if (KindCheck.Check(kind, assetOptions, required: true) is { } kindError)
        {
            return Fail(kindError.Code, kindError.Detail);
        }
        if (!IsHttpUrl(url.Value!))
        {
            return Fail(ErrorCodes.InvalidUrl, $"'url' must be an absolute http or https URL; got '{KindCheck.Shorten(url.Value!)}'.");
        }
        var uri = new Uri(url.Value!);
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // Refused rather than stripped: the user meant them to be used, and silently dropping them would fail later and less clearly.
            return Fail(ErrorCodes.UrlCredentialsNotAllowed,
                "'url' must not carry credentials (user:password@); imports only fetch files anyone can download.");
        }
        return Result<CreateUploadRequest>.Ok(new UrlImport(kind!, assetOptions, url.Value!));
    }

    public static Result<CreateUploadRequest> ParseModelHub(JsonFields fields, CreateMode mode, string? kind, AssetOptions? assetOptions)
    {
        if (kind is not null && kind != UploadKinds.Model)
        {
            return Fail(ErrorCodes.InvalidKind, $"Imports from a model hub always have kind model; got '{KindCheck.Shorten(kind)}'. Omit kind.");
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
                    $"'huggingFaceModelName' must look like owner/name (e.g. stabilityai/stable-diffusion-xl-base-1.0); got '{KindCheck.Shorten(name.Value!)}'.");
            }
            return Result<CreateUploadRequest>.Ok(new HuggingFaceImport(name.Value!));
        }
        var civitai = fields.String("civitaiModelUrl");
        if (civitai.Error is { } civitaiError)
        {
            return Fail(civitaiError.Code, civitaiError.Detail);
        }
        if (!IsHttpUrl(civitai.Value!) || !CivitaiModelPath().IsMatch(new Uri(civitai.Value!).AbsolutePath))
        {
            return Fail(ErrorCodes.InvalidUrl,
                $"'civitaiModelUrl' must be a Civitai model URL such as https://civitai.com/models/370194/name?modelVersionId=413566; got '{KindCheck.Shorten(civitai.Value!)}'.");
        }
        return Result<CreateUploadRequest>.Ok(new CivitaiImport(civitai.Value!));
    }

    private static bool IsHttpUrl(string value) =>
        value.Length <= MaxUrlLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    private static Result<CreateUploadRequest> Fail(string code, string detail) => Result<CreateUploadRequest>.Fail(code, detail);

    [GeneratedRegex(HuggingFaceNamePattern)]
    private static partial Regex HuggingFaceName();

    [GeneratedRegex(@"^/models/\d+(/[^/]*)?/?$")]
    private static partial Regex CivitaiModelPath();
}
