using Scenario.Exceptions;

namespace Scenario.Transfers;

/// <summary>What a download needs of an asset or a model: its name, size, SHA-256 and signed URL.</summary>
internal sealed record DownloadEntity(string Id, string FileName, long Size, string Sha256, string Url)
{
    // The service tells the two apart the same way when serving /files/{id}.
    public static bool IsModel(string entityId) => entityId.StartsWith("model_", StringComparison.Ordinal);

    public static async Task<DownloadEntity> RetrieveAsync(ScenarioClient client, string entityId, CancellationToken cancellationToken)
    {
        if (IsModel(entityId))
        {
            var model = (await client.Models.RetrieveAsync(entityId, cancellationToken).ConfigureAwait(false)).Model;
            return From(model.Id, model.FileName, model.FileSize, model.Sha256, model.Url);
        }
        var asset = (await client.Assets.RetrieveAsync(entityId, cancellationToken).ConfigureAwait(false)).Asset;
        return From(asset.Id, asset.FileName, asset.FileSize, asset.Sha256, asset.Url);
    }

    private static DownloadEntity From(string id, string fileName, long? size, string? sha256, string? url)
    {
        if (size is not { } bytes || string.IsNullOrEmpty(sha256) || string.IsNullOrEmpty(url))
        {
            throw new ScenarioException($"{id} came back without {(size is null ? "fileSize" : string.IsNullOrEmpty(sha256) ? "sha256" : "url")}: it cannot be downloaded and verified.");
        }
        return new DownloadEntity(id, fileName, bytes, sha256.ToLowerInvariant(), url);
    }
}
