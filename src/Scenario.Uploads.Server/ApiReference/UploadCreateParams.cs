using Scenario.Uploads.Server.Wire;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Scenario.Formats;
using Scenario.Uploads.Server.Http;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// The create body under the reference's name, for the document only: the endpoint reads the body itself
/// (<c>CreateUploadParser</c> holds every rule), so a field added there must be added here too, and the
/// create tests of the drift suite send each way of creating an upload.
/// </summary>
public sealed record UploadCreateParams
{
    [Description("Asset extra options. Only available for kinds which produce an asset. (Not available for model kind)")]
    public AssetOptionsDto? AssetOptions { get; init; }

    [Description("The civitai.com url of the model (example: \"https://civitai.com/models/370194/translucent-subsurface-scattering-test?modelVersionId=413566\").")]
    public string? CivitaiModelUrl { get; init; }

    [Description("Required for multipart upload. The MIME type of the file (example: \"image/jpeg\")")]
    public string? ContentType { get; init; }

    [Description("Required for multipart upload. The original file name of the image (example: \"low-res-image.jpg\"). At most 255 bytes "
        + "in UTF-8 (a longer one is `400 invalid_field`); the upload keeps its base name, without folders or control characters.")]
    public string? FileName { get; init; }

    [Description("Required for multipart upload. The size of the file in bytes, at most `Uploads:MaxFileSize` (1 TiB by default; `400 file_too_large` beyond).")]
    public long? FileSize { get; init; }

    [Description("The huggingface.co modelName (example: \"stabilityai/stable-diffusion-xl-base-1.0\"). No need to setup other fields if you setup huggingFaceModelName")]
    public string? HuggingFaceModelName { get; init; }

    [Description("Required for multipart upload and url. The purpose of the file once validated (example: \"model\")")]
    public string? Kind { get; init; }

    [Description("Required for multipart upload. The number of parts the file will be uploaded in")]
    [Range(1, PartLimits.MaxParts)]
    public int? Parts { get; init; }

    [Description("The url where to download the file. If you setup url you MUST setup kind as well.")]
    public string? Url { get; init; }
}
