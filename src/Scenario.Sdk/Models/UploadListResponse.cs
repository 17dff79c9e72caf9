namespace Scenario.Models;

/// <summary>One page of <c>GET /uploads</c>.</summary>
public sealed record UploadListResponse
{
    /// <summary>The uploads on this page, newest first.</summary>
    public required IReadOnlyList<Upload> Uploads { get; init; }

    /// <summary>The token of the next page; null on the last page.</summary>
    public string? NextPaginationToken { get; init; }
}
