using Scenario.Models;
using Scenario.Services;

namespace Scenario.Sdk.Tests.Fakes;

/// <summary>
/// An <see cref="IUploadService"/> as a user would fake it: the interface's members and nothing else. Retrieve answers
/// from a script of statuses; the other calls are not expected.
/// </summary>
public sealed class InterfaceOnlyUploads(params string[] statuses) : IUploadService
{
    private readonly Queue<string> _statuses = new(statuses);

    public int Retrieves { get; private set; }

    public Task<UploadRetrieveResponse> RetrieveAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        Retrieves++;
        var status = _statuses.Count > 1 ? _statuses.Dequeue() : _statuses.Peek();
        var now = DateTimeOffset.UnixEpoch;
        return Task.FromResult(new UploadRetrieveResponse
        {
            Upload = new Upload
            {
                Id = uploadId, AuthorId = "a", CreatedAt = now, FileName = "f.bin", Kind = UploadKind.Asset,
                OwnerId = "o", Source = UploadSource.Multipart, Status = new UploadStatus(status), UpdatedAt = now,
            },
        });
    }

    public Task<UploadCreateResponse> CreateAsync(UploadCreateParams parameters, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task<UploadTriggerActionResponse> TriggerActionAsync(string uploadId, UploadTriggerActionParams parameters, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task<UploadTriggerActionResponse> CompleteAsync(string uploadId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task<UploadTriggerActionResponse> AbortAsync(string uploadId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task<UploadListResponse> ListAsync(UploadListParams? parameters = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public IAsyncEnumerable<Upload> ListAllAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
