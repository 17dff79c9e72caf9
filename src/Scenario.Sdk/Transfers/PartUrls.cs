using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Services;

namespace Scenario.Transfers;

/// <summary>
/// The signed URL of each part, re-signed (by retrieving the upload) when about to expire or refused.
/// One refresh serves every part waiting for it.
/// </summary>
internal sealed class PartUrls
{
    private readonly IUploadService _service;
    private readonly string _uploadId;
    private readonly TimeSpan _margin;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<int, UploadPart> _parts;
    private int _version;

    public PartUrls(IUploadService service, Upload upload, TimeSpan margin)
    {
        _service = service;
        _uploadId = upload.Id;
        _margin = margin;
        _parts = Index(upload);
    }

    public string UploadId => _uploadId;

    public async Task<string> GetAsync(int number, bool refused, CancellationToken cancellationToken)
    {
        var seen = Volatile.Read(ref _version);
        var part = Volatile.Read(ref _parts)[number];
        if (refused || part.Expires - DateTimeOffset.UtcNow < _margin)
        {
            await RefreshAsync(seen, cancellationToken).ConfigureAwait(false);
            part = Volatile.Read(ref _parts)[number];
        }
        return part.Url;
    }

    private async Task RefreshAsync(int seen, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_version != seen)
            {
                return;
            }
            var upload = (await _service.RetrieveAsync(_uploadId, cancellationToken).ConfigureAwait(false)).Upload;
            if (upload.Status == UploadStatus.Failed)
            {
                throw new UploadFailedException(upload);
            }
            if (upload.Status != UploadStatus.Pending)
            {
                throw new ScenarioException($"Upload {_uploadId} is {upload.Status} and no longer accepts parts.");
            }
            Volatile.Write(ref _parts, Index(upload));
            _version++;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Dictionary<int, UploadPart> Index(Upload upload)
    {
        if (upload.Parts is not { Count: > 0 } parts)
        {
            throw new ScenarioException($"Upload {upload.Id} came back without part URLs; is it a multipart upload?");
        }
        return parts.ToDictionary(p => p.Number);
    }
}
