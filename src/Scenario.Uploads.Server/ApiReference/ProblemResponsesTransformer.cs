using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// The error answers of each operation: one response per status, <c>application/problem+json</c> whose
/// <c>code</c> is narrowed to the codes of <see cref="OperationDocs"/> with that status (from
/// <see cref="ErrorStatuses"/>, the one table of statuses). The codes are also listed in
/// <c>x-problem-codes</c>, for tools that read no schema.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public const string ProblemContentType = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id || !OperationDocs.All.TryGetValue(id, out var doc))
        {
            return;
        }
        var codes = CodesOf(doc);
        if (codes.Count == 0)
        {
            return;
        }
        // One component for every answer, instead of the generator's copy in each.
        var problem = await ComponentSchemas.ReferenceAsync(context, typeof(ProblemBody), "Problem", cancellationToken);
        operation.Responses ??= [];
        foreach (var byStatus in codes.GroupBy(ErrorStatuses.Of).OrderBy(g => g.Key))
        {
            var status = byStatus.Key.ToString(CultureInfo.InvariantCulture);
            operation.Responses[status] = Response(problem, byStatus.Key, [.. byStatus]);
        }
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-problem-codes"] = new JsonNodeExtension(new JsonArray([.. codes.Select(c => (JsonNode)JsonValue.Create(c))]));
    }

    private static List<string> CodesOf(OperationDoc doc)
    {
        if (doc.Access == Access.None)
        {
            return [];
        }
        // Every call with credentials may be refused for them, or for too many failed ones from its address (rate_limited).
        IEnumerable<string> codes = doc.Access == Access.ApiKey ? [.. doc.Problems, ErrorCodes.Unauthorized, ErrorCodes.RateLimited] : doc.Problems;
        // Any call may meet the database or the store down for a moment (503), or a fault of ours (500).
        return [.. codes.Append(ErrorCodes.DatabaseUnavailable).Append(ErrorCodes.StorageUnavailable).Append(ErrorCodes.InternalError).Distinct()];
    }

    private static OpenApiResponse Response(IOpenApiSchema problem, int status, IReadOnlyList<string> codes)
    {
        var narrowed = new OpenApiSchema
        {
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. codes.Select(c => (JsonNode)JsonValue.Create(c))] },
                ["status"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = "int32", Enum = [JsonValue.Create(status)], Minimum = Text(status), Maximum = Text(status),
                },
            },
        };
        return new OpenApiResponse
        {
            Description = string.Join(", ", codes.Select(c => $"`{c}`")),
            Headers = Headers(status, codes),
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemContentType] = new()
                {
                    Schema = new OpenApiSchema { AllOf = [problem, narrowed] },
                    Example = ProblemExample(status, codes[0]),
                },
            },
        };
    }

    private static Dictionary<string, IOpenApiHeader>? Headers(int status, IReadOnlyList<string> codes)
    {
        if (status == StatusCodes.Status429TooManyRequests || codes.Any(c => ErrorStatuses.RetryAfterSeconds(c) is not null))
        {
            return new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = RetryAfter() };
        }
        if (status == StatusCodes.Status401Unauthorized)
        {
            var challenge = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(Auth.BasicApiKeyHandler.Challenge)] };
            return new Dictionary<string, IOpenApiHeader> { ["WWW-Authenticate"] = new OpenApiHeader { Required = true, Schema = challenge } };
        }
        return null;
    }

    // Every 429 carries it: rate_limited's is the limiter's own (RateLimitProblem), whose window is a duration of
    // at most ConfigurationRules.LongestInterval, the others' come from ErrorStatuses.
    private static OpenApiHeader RetryAfter() => new()
    {
        Description = "Seconds to wait before sending the request again (also in the body's `remainingSeconds`).",
        Required = true,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = Text((long)ConfigurationRules.LongestInterval.TotalSeconds),
        },
    };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static JsonNode ProblemExample(int status, string code) => new JsonObject
    {
        ["type"] = $"https://docs.scenario.com/errors/{code.Replace('_', '-')}",
        ["title"] = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        ["status"] = status,
        ["detail"] = "What went wrong, and what to do about it.",
        ["reason"] = "What went wrong, and what to do about it.",
        ["code"] = code,
        ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    };
}
