using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Imports;

/// <summary>
/// A civitai.com model URL through the public API: <c>/api/v1/model-versions/{modelVersionId}</c>, or
/// the model's latest version (<c>/api/v1/models/{id}</c>, first of <c>modelVersions</c>); the version's
/// primary file is downloaded from its <c>downloadUrl</c>, which redirects to storage on another host.
/// </summary>
public sealed partial class CivitaiSource(ImportHttpClient http, IOptions<ImportsOptions> options) : IImportSource
{
    public string Source => UploadSources.Civitai;

    public async Task<DownloadPlan> PlanAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        var hub = options.Value.Civitai;
        var endpoint = hub.Endpoint.TrimEnd('/');
        var credential = HostCredential.For(hub.Endpoint, hub.Token);
        var (modelId, versionId) = Parse(new Uri(upload.SourceReference!));
        var (version, model) = versionId is null
            ? await LatestVersionAsync(modelId, endpoint, credential, cancellationToken)
            : await VersionAsync(modelId, versionId.Value, endpoint, credential, cancellationToken);
        var file = PrimaryFile(version)
            ?? throw ImportException.Refused($"The Civitai model {modelId} version {Number(version, "id")} has no file to download.");
        var fileName = Text(file, "name") ?? $"civitai-{Number(version, "id")}.safetensors";
        if (Text(file.GetPropertyOrNull("metadata"), "format") is "PickleTensor" || fileName.EndsWith(".ckpt", StringComparison.OrdinalIgnoreCase)
            || fileName.EndsWith(".pt", StringComparison.OrdinalIgnoreCase))
        {
            throw ImportException.Refused(
                $"The Civitai model {modelId}'s file {fileName} is a pickle-based checkpoint. Loading a pickle can run arbitrary code, so this service never imports one. Choose a SafeTensor version of the model.");
        }
        var url = Text(file, "downloadUrl") ?? Text(version, "downloadUrl")
            ?? throw ImportException.Refused($"Civitai gives no download URL for the model {modelId}.");
        var config = new JsonObject
        {
            ["modelId"] = modelId,
            ["modelName"] = Text(model, "name"),
            ["type"] = Text(model, "type"),
            ["baseModel"] = Text(version, "baseModel"),
            ["trainedWords"] = version.TryGetProperty("trainedWords", out var words) ? JsonNode.Parse(words.GetRawText()) : null,
            ["modelVersionId"] = Number(version, "id"),
            ["modelVersionName"] = Text(version, "name"),
            ["file"] = fileName,
        };
        return new DownloadPlan
        {
            Url = new Uri(url),
            Subject = $"Civitai's download of model {modelId}",
            Credential = credential,
            FileName = fileName,
            ExpectedSha256 = Text(file.GetPropertyOrNull("hashes"), "SHA256")?.ToLowerInvariant(),
            HashPublisher = "Civitai",
            ConfigJson = ConfigJson.Write(config),
            UnauthorizedMessage = NeedsToken(modelId, credential),
        };
    }

    private async Task<(JsonElement Version, JsonElement Model)> LatestVersionAsync(long modelId, string endpoint, HostCredential? credential, CancellationToken cancellationToken)
    {
        var model = await GetAsync(new Uri($"{endpoint}/api/v1/models/{modelId}"), $"The Civitai model {modelId}", modelId, credential, cancellationToken);
        if (!model.TryGetProperty("modelVersions", out var versions) || versions.ValueKind != JsonValueKind.Array || versions.GetArrayLength() == 0)
        {
            throw ImportException.Refused($"The Civitai model {modelId} has no published version to import.");
        }
        return (versions[0], model);
    }

    private async Task<(JsonElement Version, JsonElement Model)> VersionAsync(long modelId, long versionId, string endpoint, HostCredential? credential, CancellationToken cancellationToken)
    {
        var version = await GetAsync(new Uri($"{endpoint}/api/v1/model-versions/{versionId}"), $"The Civitai model version {versionId}", modelId, credential, cancellationToken);
        if (version.TryGetProperty("modelId", out var owner) && owner.TryGetInt64(out var actual) && actual != modelId)
        {
            throw ImportException.Refused($"The Civitai model version {versionId} belongs to model {actual}, not {modelId}. Check the modelVersionId in the URL.");
        }
        return (version, version.GetPropertyOrNull("model") ?? default);
    }

    private async Task<JsonElement> GetAsync(Uri url, string subject, long modelId, HostCredential? credential, CancellationToken cancellationToken)
    {
        var answer = await HubJson.GetAsync(http, url, credential, cancellationToken);
        return answer switch
        {
            { Json: { } json } => json,
            { IsServerError: true } => throw ImportException.Transient($"Civitai answered {(int)answer.Status}; the service tried again and gave up. Try again later."),
            { Status: HttpStatusCode.NotFound } => throw ImportException.Refused($"{subject} does not exist on Civitai. Check the URL."),
            { Status: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => throw ImportException.Refused(NeedsToken(modelId, credential)),
            _ => throw ImportException.Refused($"Civitai answered {(int)answer.Status} for {subject}."),
        };
    }

    /// <summary>The file marked primary; else the first safetensors; else the first.</summary>
    private static JsonElement? PrimaryFile(JsonElement version)
    {
        if (!version.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array || files.GetArrayLength() == 0)
        {
            return null;
        }
        var all = files.EnumerateArray().ToList();
        return all.FirstOrDefault(f => f.TryGetProperty("primary", out var p) && p.ValueKind == JsonValueKind.True) is { ValueKind: JsonValueKind.Object } primary
            ? primary
            : all.FirstOrDefault(f => Text(f, "name")?.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) == true) is { ValueKind: JsonValueKind.Object } safe
                ? safe
                : all[0];
    }

    /// <summary>Model id and optional version id of a URL the create parser already checked.</summary>
    public static (long ModelId, long? VersionId) Parse(Uri url)
    {
        var id = long.Parse(ModelPath().Match(url.AbsolutePath).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        return (id, long.TryParse(query["modelVersionId"], out var version) ? version : null);
    }

    private static string NeedsToken(long modelId, HostCredential? credential) => credential is null
        ? $"This Civitai model ({modelId}) needs a token: set Imports:Civitai:Token to a Civitai API key."
        : $"Civitai refused the token in Imports:Civitai:Token for model {modelId}: check the key, or whether the model is restricted for that account.";

    private static string? Text(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.TryGetInt64(out var n) ? n : null;

    [GeneratedRegex(@"^/models/(\d+)")]
    private static partial Regex ModelPath();
}
