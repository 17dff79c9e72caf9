using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Scenario.Uploads.RateLimits;
using Scenario.Uploads.Server.Auth;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.RateLimits;

/// <summary>
/// Per-owner limits on the API (Microsoft.AspNetCore.RateLimiting, fixed windows: in this instance's memory on
/// SQLite, counted across instances through the database on PostgreSQL, <see cref="SharedWindowLimiter"/>)
/// and the failed-authentication limit per address. Part PUTs in flight per owner stay
/// <c>Uploads:MaxPartsInFlightPerOwner</c> (<see cref="Parts.PartsInFlight"/>): the owner of a part is known
/// only once its signed URL is checked, past where this middleware runs.
/// </summary>
public static class RateLimitRegistration
{
    public static IServiceCollection AddUploadsRateLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitsOptions, RateLimitsOptionsValidator>(RateLimitsOptions.Section);
        services.AddSingleton<FailedAuthLimiter>();
        // The ledger is there when the database is shared (PostgreSQL); the host adds the database first.
        services.AddSingleton(sp => new SharedRateLimits(sp.GetService<IRateLimitLedger>(),
            sp.GetRequiredService<IOptions<RateLimitsOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SharedRateLimits>>()));
        services.AddHostedService(sp => new InstanceHeartbeatService(sp.GetRequiredService<SharedRateLimits>(),
            sp.GetService<IRateLimitLedger>(), sp.GetRequiredService<IOptions<RateLimitsOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicies.Create, context => PerOwner(context, RateLimitPolicies.Create, o => o.Create));
            limiter.AddPolicy(RateLimitPolicies.Action, context => PerOwner(context, RateLimitPolicies.Action, o => o.Action));
            limiter.AddPolicy(RateLimitPolicies.Read, context => PerOwner(context, RateLimitPolicies.Read, o => o.Read));
            limiter.OnRejected = (rejected, _) => new ValueTask(RateLimitProblem.For(rejected.Lease,
                "This account sent more requests of this kind than this server takes per window.", rejected.HttpContext)
                .ExecuteAsync(rejected.HttpContext));
        });
        return services;
    }

    /// <summary>After authorization: only authenticated requests reach it, so each has its owner.</summary>
    public static IApplicationBuilder UseUploadsRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    private static RateLimitPartition<string> PerOwner(HttpContext context, string policy, Func<RateLimitsOptions, RateLimitWindow> pick)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitsOptions>>().Value;
        if (!options.Enabled || context.User.FindFirstValue(OwnerClaims.Owner) is not { } owner)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var window = pick(options);
        var shared = context.RequestServices.GetRequiredService<SharedRateLimits>();
        if (shared.IsShared)
        {
            return RateLimitPartition.Get(owner, key => new SharedWindowLimiter(shared, policy, key, window));
        }
        return RateLimitPartition.GetFixedWindowLimiter(owner, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = window.PermitLimit,
            Window = window.Window,
            QueueLimit = window.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }
}
