using System.Net;
using System.Text.Json;

namespace Scenario.Exceptions;

/// <summary>The one place that turns an error response into an exception.</summary>
public static class ScenarioExceptionFactory
{
    /// <summary>Builds the exception for an error response.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The response body (problem+json, or anything else).</param>
    /// <param name="retryAfter">The parsed <c>Retry-After</c>, if any.</param>
    public static ScenarioApiException Create(HttpStatusCode status, string body, TimeSpan? retryAfter = null)
    {
        var error = Parse(status, body);
        return (int)status switch
        {
            400 => new BadRequestException(error),
            401 => new UnauthorizedException(error),
            403 => new PermissionDeniedException(error),
            404 => new NotFoundException(error),
            409 => new ConflictException(error),
            422 => new UnprocessableEntityException(error),
            429 => new RateLimitException(error, retryAfter),
            >= 500 => new InternalServerException(error),
            _ => new ScenarioApiException(error),
        };
    }

    private static ApiError Parse(HttpStatusCode status, string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = doc.RootElement;
                return new ApiError(status, Text(root, "title"), Text(root, "detail") ?? Text(root, "reason") ?? Text(root, "message"),
                    Text(root, "code"), Text(root, "traceId"), body);
            }
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer with HTML or plain text; keep the raw body instead.
        }
        return new ApiError(status, null, null, null, null, body);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
