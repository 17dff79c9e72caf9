using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Server.Http;

namespace Scenario.Uploads.Server.RateLimits;

/// <summary>The 429 of a used-up limit, with the limiter's own Retry-After (whole seconds, at least 1).</summary>
internal static class RateLimitProblem
{
    public static ProblemHttpResult For(RateLimitLease lease, string detail, HttpContext context)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        return ApiProblem.WithRetryAfter(new Problem(ErrorCodes.RateLimited, $"{detail} Send it again in {seconds} s (Retry-After)."), seconds, context);
    }
}
