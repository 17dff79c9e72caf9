using Microsoft.AspNetCore.Diagnostics;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.DiskSpace;

/// <summary>
/// A request whose database or storage write failed because a disk is full gets <c>507 insufficient_storage</c>
/// with <c>Retry-After</c>, never a 500: it is the server's passing event, and the same request goes through
/// once space is freed. On the data directory's disk, the reserve's ballast is given up at once so that the
/// writes that free space (abort, delete, expiry) go through.
/// </summary>
internal sealed class DiskFullExceptionHandler(DiskReserve reserve, ILogger<DiskFullExceptionHandler> logger) : IExceptionHandler
{
    private static readonly Problem Full = new(ErrorCodes.InsufficientStorage,
        "The service's storage is full: this request changed nothing. Send it again later, or ask the operator to free space.");

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!DiskFullErrors.Is(exception))
        {
            return false;
        }
        var released = DiskFullErrors.IsLocal(exception) && reserve.Release();
        logger.LogWarning("A disk is full: {Method} {Path} was refused (507){Released}. {Error}",
            context.Request.Method, context.Request.Path, released ? "; the reserve's ballast file was given up" : "", exception.Message);
        await ApiProblem.Of(Full, context).ExecuteAsync(context);
        return true;
    }
}
