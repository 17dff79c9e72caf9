using Scenario.Uploads.Errors;

namespace Scenario.Uploads.Server.Http;

/// <summary>
/// A file answer whose 416 (a Range outside the file) is our problem+json: the framework's own 416 has no body
/// and carries the file's Content-Type, so a client switching on <c>code</c> had nothing to read.
/// </summary>
public sealed class RangeCheckedFile(IResult file) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        await file.ExecuteAsync(context);
        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status416RangeNotSatisfiable || response.HasStarted)
        {
            return;
        }
        // Content-Range ("bytes */21") stays: it tells the client the file's length.
        response.ContentType = null;
        response.ContentLength = null;
        var length = response.Headers.ContentRange.ToString() is var range && range.StartsWith("bytes */", StringComparison.Ordinal) ? range["bytes */".Length..] : null;
        await ApiProblem.Create(StatusCodes.Status416RangeNotSatisfiable, ErrorCodes.RangeNotSatisfiable,
            $"The Range header asks for bytes the file does not have{(length is null ? "" : $" (it has {length})")}: ask for a range inside it, or for the whole file without Range.")
            .ExecuteAsync(context);
    }
}
