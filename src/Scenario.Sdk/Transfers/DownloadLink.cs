using Scenario.Exceptions;

namespace Scenario.Transfers;

/// <summary>
/// The entity being downloaded and its signed URL, renewed (by retrieving the entity again) once a range is
/// refused: the URL has a lifetime (<c>Uploads:DownloadUrlLifetime</c>) that a large download can outlast.
/// One renewal serves every range waiting for it.
/// </summary>
internal sealed class DownloadLink
{
    private readonly ScenarioClient _client;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SignedUrl _current;

    private DownloadLink(ScenarioClient client, DownloadEntity entity)
    {
        _client = client;
        Entity = entity;
        _current = new SignedUrl(entity.Url, 0);
    }

    public DownloadEntity Entity { get; }

    /// <summary>The URL to use and its version, to hand back to <see cref="RenewAsync"/> if it is refused.</summary>
    public SignedUrl Current => Volatile.Read(ref _current);

    public static async Task<DownloadLink> ResolveAsync(ScenarioClient client, string entityId, CancellationToken cancellationToken) =>
        new(client, await DownloadEntity.RetrieveAsync(client, entityId, cancellationToken).ConfigureAwait(false));

    /// <summary>Replaces a refused URL, unless another range already replaced it since <paramref name="refused"/> was handed out.</summary>
    public async Task RenewAsync(SignedUrl refused, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current.Version != refused.Version)
            {
                return;
            }
            var renewed = await DownloadEntity.RetrieveAsync(_client, Entity.Id, cancellationToken).ConfigureAwait(false);
            if (renewed.Sha256 != Entity.Sha256 || renewed.Size != Entity.Size)
            {
                throw new ScenarioException($"{Entity.Id} changed while it was being downloaded; download it again.");
            }
            Volatile.Write(ref _current, new SignedUrl(renewed.Url, refused.Version + 1));
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>A signed download URL and which renewal produced it.</summary>
internal sealed record SignedUrl(string Url, int Version);
