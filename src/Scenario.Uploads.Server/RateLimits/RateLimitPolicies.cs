namespace Scenario.Uploads.Server.RateLimits;

/// <summary>The names of the per-owner limits, for <c>RequireRateLimiting</c> on the API's endpoints.</summary>
public static class RateLimitPolicies
{
    public const string Create = "owner-create";
    public const string Action = "owner-action";
    public const string Read = "owner-read";
}
