namespace Scenario.Uploads.Server.Http;

/// <summary>
/// Tells a request the client broke while its body was read (framing Kestrel refused, a chunk size that
/// overflows, a body over the limit, one that stalled) from a failure of ours, so that the first is its 4xx
/// and never a 500 logged with its stack.
/// </summary>
public static class ClientRequestErrors
{
    private const string KestrelNamespace = "Microsoft.AspNetCore.Server.Kestrel.";

    /// <summary>The 4xx status the failure deserves when the client caused it; null when it is ours.</summary>
    public static int? StatusOf(Exception exception)
    {
        if (exception is BadHttpRequestException bad)
        {
            return ClientStatus(bad);
        }
        if (exception is not IOException)
        {
            return null;
        }
        // Kestrel wraps some framing errors: a chunk size over 2^31 is an IOException around the
        // OverflowException of its own checked arithmetic.
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is BadHttpRequestException innerBad)
            {
                return ClientStatus(innerBad);
            }
            // Only Kestrel's own: an overflow in our code is our bug, and stays a 500. (Its TargetSite is the
            // runtime's overflow helper, so the stack says where it was thrown.)
            if (inner is OverflowException && inner.StackTrace?.Contains(KestrelNamespace, StringComparison.Ordinal) == true)
            {
                return StatusCodes.Status400BadRequest;
            }
        }
        return null;
    }

    /// <summary>What went wrong, in Kestrel's words ("Bad chunk size data."), for the problem's detail.</summary>
    public static string Describe(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is BadHttpRequestException)
            {
                return inner.Message;
            }
        }
        return exception.Message;
    }

    private static int ClientStatus(BadHttpRequestException bad) =>
        bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
}
