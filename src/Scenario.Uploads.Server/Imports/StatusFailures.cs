using System.Net;

namespace Scenario.Uploads.Server.Imports;

/// <summary>Turns an error status into a failure: the server's own trouble is retried, everything else is final.</summary>
public static class StatusFailures
{
    public static void ThrowIfError(HttpResponseMessage response, string subject, string? unauthorizedMessage = null)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var code = (int)response.StatusCode;
        var said = $"{subject} answered {code} {response.ReasonPhrase}".TrimEnd();
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden when unauthorizedMessage is not null => ImportException.Refused(unauthorizedMessage),
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => ImportException.Transient($"{said}; the service will try again."),
            _ when code >= 500 => ImportException.Transient($"{said}; the service tried again and gave up. Try again later."),
            HttpStatusCode.NotFound => ImportException.Refused($"{said}: there is no file there. Check the URL."),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                ImportException.Refused($"{said}: the file is not public. Imports can only fetch files anyone can download."),
            _ => ImportException.Refused($"{said}. Check the URL."),
        };
    }
}
