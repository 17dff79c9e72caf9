using System.Runtime.CompilerServices;
using Scenario.Core;
using Scenario.Models;
using Scenario.Uploads;

namespace Scenario.Services;

/// <summary>The uploads API over HTTP.</summary>
internal sealed class UploadService : IUploadService
{
    private readonly ApiTransport _transport;

    public UploadService(ApiTransport transport)
    {
        _transport = transport;
    }

    public Task<UploadCreateResponse> CreateAsync(UploadCreateParams parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return _transport.SendAsync<UploadCreateResponse>(HttpMethod.Post, "uploads", parameters, cancellationToken);
    }

    public Task<UploadRetrieveResponse> RetrieveAsync(string uploadId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync<UploadRetrieveResponse>(HttpMethod.Get, PathOf(uploadId), null, cancellationToken);

    public Task<UploadTriggerActionResponse> TriggerActionAsync(string uploadId, UploadTriggerActionParams parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return _transport.SendAsync<UploadTriggerActionResponse>(HttpMethod.Post, PathOf(uploadId) + "/action", parameters, cancellationToken);
    }

    public Task<UploadTriggerActionResponse> CompleteAsync(string uploadId, CancellationToken cancellationToken = default) =>
        TriggerActionAsync(uploadId, new UploadTriggerActionParams { Action = UploadAction.Complete }, cancellationToken);

    public Task<UploadTriggerActionResponse> AbortAsync(string uploadId, CancellationToken cancellationToken = default) =>
        TriggerActionAsync(uploadId, new UploadTriggerActionParams { Action = UploadAction.Abort }, cancellationToken);

    public Task<UploadListResponse> ListAsync(UploadListParams? parameters = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (parameters?.PageSize is { } size)
        {
            query.Add($"pageSize={size}");
        }
        if (parameters?.PaginationToken is { } token)
        {
            query.Add($"paginationToken={Uri.EscapeDataString(token)}");
        }
        var path = query.Count == 0 ? "uploads" : "uploads?" + string.Join('&', query);
        return _transport.SendAsync<UploadListResponse>(HttpMethod.Get, path, null, cancellationToken);
    }

    public async IAsyncEnumerable<Upload> ListAllAsync(int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await ListAsync(new UploadListParams { PageSize = pageSize, PaginationToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var upload in page.Uploads)
            {
                yield return upload;
            }
            token = page.NextPaginationToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    public async Task<Upload> UploadFileAsync(string path, UploadFileOptions options, CancellationToken cancellationToken = default)
    {
        using var source = FilePartSource.Open(path);
        var named = options.FileName is null ? options with { FileName = Path.GetFileName(path) } : options;
        return await new UploadTransfer(this, _transport.PartClient, named).UploadAsync(source, cancellationToken).ConfigureAwait(false);
    }

    public Task<Upload> UploadFileAsync(Stream content, UploadFileOptions options, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(options.FileName))
        {
            throw new ArgumentException("UploadFileOptions.FileName is required when uploading a stream.", nameof(options));
        }
        return new UploadTransfer(this, _transport.PartClient, options).UploadAsync(new StreamPartSource(content), cancellationToken);
    }

    public async Task<Upload> ResumeUploadAsync(string uploadId, string path, UploadFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var source = FilePartSource.Open(path);
        return await new UploadTransfer(this, _transport.PartClient, options ?? new UploadFileOptions()).ResumeAsync(uploadId, source, cancellationToken).ConfigureAwait(false);
    }

    public Task<Upload> ResumeUploadAsync(string uploadId, Stream content, UploadFileOptions? options = null, CancellationToken cancellationToken = default) =>
        new UploadTransfer(this, _transport.PartClient, options ?? new UploadFileOptions()).ResumeAsync(uploadId, new StreamPartSource(content), cancellationToken);

    public Task<Upload> WaitForImportAsync(string uploadId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ImportWaiter.WaitAsync(this, uploadId, timeout ?? UploadFileOptions.DefaultImportTimeout, null, cancellationToken);

    private static string PathOf(string uploadId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadId);
        return "uploads/" + Uri.EscapeDataString(uploadId);
    }
}
