namespace Scenario.Models;

/// <summary>The query of <c>GET /uploads</c> (an extension of this service), newest first.</summary>
public sealed record UploadListParams
{
    /// <summary>How many uploads per page; the server's default when null.</summary>
    public int? PageSize { get; init; }

    /// <summary>The <see cref="UploadListResponse.NextPaginationToken"/> of the previous page.</summary>
    public string? PaginationToken { get; init; }
}
