namespace Scenario.Uploads.Browser.Tests;

/// <summary>What the stock page's script saw.</summary>
public sealed record PageReport(IReadOnlyList<PageUpload> Succeeded, IReadOnlyList<PageFailure> Failed, IReadOnlyList<PageResponse> Responses, string? Stepped);

/// <summary>An upload Uppy reported done, with the upload URL it got from <c>Location</c>.</summary>
public sealed record PageUpload(string Name, string Url)
{
    /// <summary>The API's upload id: the last segment of the tus URL.</summary>
    public string UploadId => Url[(Url.LastIndexOf('/') + 1)..];
}

public sealed record PageFailure(string? Name, string Error);

/// <summary>One answer as the script could read it: null for a header CORS did not expose (or the server did not send).</summary>
public sealed record PageResponse(string Method, int Status, string? Location, string? Offset, string? Resumable);
