using System.Runtime.CompilerServices;
using Scenario.Core;
using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Services;

/// <summary>The uploads API over HTTP; it also hands the transfer helpers (<see cref="UploadServiceTransferExtensions"/>) its part client.</summary>
internal sealed class UploadService : IUploadService, IUploadTransferHost
{
    private readonly ApiTransport _transport;

    public UploadService(ApiTransport transport)
    {
        _transport = transport;
    }

    public Task<UploadCreateResponse> CreateAsync(UploadCreateParams parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var key = parameters.IdempotencyKey ?? Guid.NewGuid().ToString("N");
        return _transport.SendAsync<UploadCreateResponse>(HttpMethod.Post, "uploads", parameters, cancellationToken, key);
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

    /// <summary>The transfer helpers' way to the credential-free part client.</summary>
    public HttpClient PartClient => _transport.PartClient;

    public Microsoft.Extensions.Logging.ILogger Logger => _transport.Logger;

    private static string PathOf(string uploadId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadId);
        return "uploads/" + Uri.EscapeDataString(uploadId);
    }
}
