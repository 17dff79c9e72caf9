using System.Diagnostics;
using System.Security.Claims;
using Scenario.Uploads.Server.Auth;

namespace Scenario.Uploads.Server.Telemetry;

/// <summary>
/// One line per request at Information (category <c>Scenario.Uploads.Requests</c>): method, route template,
/// status, duration and owner. The route template, never the query: a signed part or download URL carries its
/// signature there (ASP.NET Core's own scope adds the path, which holds ids but no signature). Headers are
/// never logged, so neither is an Authorization header.
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "Scenario.Uploads.Requests";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            var owner = context.User.FindFirstValue(OwnerClaims.Owner) ?? "(anonymous)";
            // A request that threw still has the 500 the exception handler gives it further out.
            Answered(_logger, context.Request.Method, route, context.Response.StatusCode,
                Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3), owner);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "RequestAnswered", Level = LogLevel.Information,
        Message = "{Method} {Route} answered {Status} in {DurationMs} ms for {OwnerId}")]
    private static partial void Answered(ILogger logger, string method, string route, int status, double durationMs, string ownerId);
}
