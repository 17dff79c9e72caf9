using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Imports;

/// <summary>
/// <c>owner/name[@revision]</c> through the hub's model API: the revision pinned to its commit sha,
/// the weights chosen from the file list, their SHA-256 taken from the tree listing's LFS ids, and
/// the file fetched through the resolve URL (which redirects to the hub's CDN; the token stays home).
/// </summary>
public sealed class HuggingFaceSource(ImportHttpClient http, IOptions<ImportsOptions> options) : IImportSource
{
    public string Source => UploadSources.HuggingFace;

    public async Task<DownloadPlan> PlanAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        var hub = options.Value.HuggingFace;
        var endpoint = hub.Endpoint.TrimEnd('/');
        var credential = HostCredential.For(hub.Endpoint, hub.Token);
        var (repo, revision) = Split(upload.SourceReference!);
        var info = await GetInfoAsync(repo, revision, endpoint, credential, cancellationToken);
        var sha = info.TryGetProperty("sha", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : revision ?? "main";
        var files = info.TryGetProperty("siblings", out var siblings) && siblings.ValueKind == JsonValueKind.Array
            ? siblings.EnumerateArray().Select(f => f.TryGetProperty("rfilename", out var n) ? n.GetString() : null).OfType<string>().ToList()
            : [];
        var choice = HuggingFaceWeights.Choose(repo, files);
        if (choice.Error is { } error)
        {
            throw ImportException.Refused(error);
        }
        var hashes = await GetLfsHashesAsync(repo, sha, endpoint, credential, cancellationToken);
        var config = new JsonObject
        {
            ["modelName"] = repo,
            ["revision"] = revision ?? "main",
            ["sha"] = sha,
            ["pipelineTag"] = Text(info, "pipeline_tag"),
            ["libraryName"] = Text(info, "library_name"),
            ["baseModel"] = BaseModel(info),
            ["layout"] = choice.Layout,
            ["file"] = choice.File,
            ["files"] = new JsonArray([.. choice.WeightFiles.Select(f => (JsonNode)JsonValue.Create(f))]),
        };
        return new DownloadPlan
        {
            Url = new Uri($"{endpoint}/{repo}/resolve/{Uri.EscapeDataString(sha)}/{string.Join('/', choice.File!.Split('/').Select(Uri.EscapeDataString))}"),
            Subject = $"The Hugging Face model {repo}",
            Credential = credential,
            FileName = Path.GetFileName(choice.File),
            ExpectedSha256 = hashes.GetValueOrDefault(choice.File!),
            HashPublisher = "Hugging Face",
            ConfigJson = ConfigJson.Write(config),
            UnauthorizedMessage = Gated(repo, credential),
        };
    }

    private async Task<JsonElement> GetInfoAsync(string repo, string? revision, string endpoint, HostCredential? credential, CancellationToken cancellationToken)
    {
        var path = revision is null ? $"/api/models/{repo}" : $"/api/models/{repo}/revision/{Uri.EscapeDataString(revision)}";
        var answer = await HubJson.GetAsync(http, new Uri(endpoint + path), credential, cancellationToken);
        return answer switch
        {
            { Json: { } json } => json,
            { IsServerError: true } => throw ImportException.Transient($"Hugging Face answered {(int)answer.Status}; the service tried again and gave up. Try again later."),
            { Status: HttpStatusCode.NotFound } => throw ImportException.Refused(revision is null || answer.ErrorCode == "RepoNotFound"
                ? $"The Hugging Face model {repo} does not exist. Check the name (owner/name)."
                : $"The Hugging Face model {repo} has no revision {revision}. Check the branch, tag or commit after '@'."),
            // The hub answers a private model exactly like a missing one, so the message names both.
            { Status: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, ErrorCode: "RepoNotFound" } => throw ImportException.Refused(credential is null
                ? $"The Hugging Face model {repo} does not exist, or it is private: set Imports:HuggingFace:Token to a token of an account that can see it."
                : $"The Hugging Face model {repo} does not exist, or the token in Imports:HuggingFace:Token cannot see it."),
            { Status: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => throw ImportException.Refused(Gated(repo, credential)),
            _ => throw ImportException.Refused($"Hugging Face answered {(int)answer.Status} for the model {repo}."),
        };
    }

    /// <summary>path → SHA-256 of every LFS file; empty when the listing is unavailable (the check is then skipped).</summary>
    private async Task<Dictionary<string, string>> GetLfsHashesAsync(string repo, string sha, string endpoint, HostCredential? credential, CancellationToken cancellationToken)
    {
        var answer = await HubJson.GetAsync(http, new Uri($"{endpoint}/api/models/{repo}/tree/{Uri.EscapeDataString(sha)}?recursive=true"), credential, cancellationToken);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (answer.Json is not { ValueKind: JsonValueKind.Array } entries)
        {
            return hashes;
        }
        foreach (var entry in entries.EnumerateArray())
        {
            if (Text(entry, "path") is { } path && entry.TryGetProperty("lfs", out var lfs) && lfs.ValueKind == JsonValueKind.Object
                && (Text(lfs, "oid") ?? Text(lfs, "sha256")) is { Length: 64 } oid)
            {
                hashes[path] = oid.ToLowerInvariant();
            }
        }
        return hashes;
    }

    private static (string Repo, string? Revision) Split(string name)
    {
        var at = name.IndexOf('@');
        return at < 0 ? (name, null) : (name[..at], name[(at + 1)..]);
    }

    private static string Gated(string repo, HostCredential? credential) => credential is null
        ? $"The Hugging Face model {repo} is gated or private: set Imports:HuggingFace:Token to a token of an account that has access to it."
        : $"The Hugging Face model {repo} is gated or private and the token in Imports:HuggingFace:Token has no access to it: accept the model's terms with that account, or use another token.";

    private static JsonNode? BaseModel(JsonElement info) =>
        info.TryGetProperty("cardData", out var card) && card.ValueKind == JsonValueKind.Object && card.TryGetProperty("base_model", out var b)
            ? JsonNode.Parse(b.GetRawText())
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
