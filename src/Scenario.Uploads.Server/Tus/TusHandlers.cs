using System.Security.Claims;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Auth;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Quotas;
using Scenario.Uploads.Server.Signing;

namespace Scenario.Uploads.Server.Tus;

/// <summary>tus 1.0.0's requests: their headers read and written as the protocol says, the work done by <see cref="Appender"/> and <see cref="TusCreation"/>.</summary>
internal sealed class TusHandlers(
    TusCreation creation, Appender appender, UploadTermination termination, AppendCompletion completion,
    QuotaPolicy quotas, PublicBaseUrl baseUrl, IOptions<UploadsOptions> options)
{
    public async Task<IResult> CreateAsync(HttpContext context, ClaimsPrincipal user)
    {
        if (Preconditions(context) is { } refused)
        {
            return refused;
        }
        var request = context.Request;
        // Refused before anything is created: a creation that carries bytes carries them as an append would.
        if (HasBody(request) && !IsOffsetStream(request))
        {
            return Problem(context, TusProblems.UnsupportedMediaType(TusHeaders.OffsetStream));
        }
        var concat = request.Headers[TusHeaders.Concat].ToString();
        var length = ReadLength(request, final: concat.StartsWith("final", StringComparison.Ordinal));
        if (length.Error is { } lengthError)
        {
            return Problem(context, lengthError);
        }
        var create = new TusCreate(user.OwnerId(), user.AuthorId(), quotas.For(user), length.Value, request.Headers[TusMetadata.Header].ToString(),
            UploadProtocols.Tus, concat == "partial");
        Result<AppendState> created;
        if (concat.StartsWith("final", StringComparison.Ordinal))
        {
            if (ConcatIds(concat) is not { Count: > 0 } ids)
            {
                return Problem(context, TusProblems.BadHeader("Upload-Concat: final must list the partial uploads' URLs after 'final;', separated by spaces."));
            }
            created = await creation.ConcatenateAsync(create, ids, context.RequestAborted);
        }
        else if (concat.Length > 0 && concat != "partial")
        {
            return Problem(context, TusProblems.BadHeader("Upload-Concat must be 'partial' or 'final;<url> <url> …'."));
        }
        else
        {
            created = await creation.CreateAsync(create, context.RequestAborted);
        }
        if (created.Error is { } problem)
        {
            return Problem(context, problem);
        }
        var state = created.Value;
        context.Response.Headers.Location = TusEndpoints.UrlOf(baseUrl.For(request), state.Id);
        context.Response.Headers[TusHeaders.Expires] = TusHeaders.Date(state.ExpiresAt);
        // creation-with-upload: the body carries the first bytes. An empty file is complete as soon as it exists
        // (tus clients send no PATCH for it).
        if (state.Concat is null && (HasBody(request) || state.Length == 0))
        {
            var appended = await Append(state.Id, 0, context, user, checksum: null, length: null);
            if (appended.Error is { } appendError)
            {
                return Problem(context, appendError);
            }
            context.Response.Headers[TusHeaders.Offset] = TusHeaders.Number(appended.Value.Offset);
        }
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    public async Task<IResult> OffsetAsync(string uploadId, HttpContext context, ClaimsPrincipal user)
    {
        if (Preconditions(context) is { } refused)
        {
            return refused;
        }
        context.Response.Headers.CacheControl = "no-store";
        var state = await completion.FindAsync(uploadId, user.OwnerId(), context.RequestAborted);
        if (state.Error is { } problem)
        {
            return Problem(context, problem);
        }
        var headers = context.Response.Headers;
        headers[TusHeaders.Offset] = TusHeaders.Number(state.Value.Offset);
        if (state.Value.Length is { } length)
        {
            headers[TusHeaders.Length] = TusHeaders.Number(length);
        }
        else
        {
            headers[TusHeaders.DeferLength] = "1";
        }
        if (!string.IsNullOrEmpty(state.Value.Metadata))
        {
            headers[TusMetadata.Header] = state.Value.Metadata;
        }
        if (state.Value.IsPartial)
        {
            headers[TusHeaders.Concat] = "partial";
        }
        else if (state.Value.Concat is { } pieces)
        {
            headers[TusHeaders.Concat] = "final;" + string.Join(' ', pieces.Split(' ').Select(id => $"{TusEndpoints.Path}/{id}"));
        }
        headers[TusHeaders.Expires] = TusHeaders.Date(state.Value.ExpiresAt);
        return Results.Ok();
    }

    public async Task<IResult> AppendAsync(string uploadId, HttpContext context, ClaimsPrincipal user)
    {
        if (Preconditions(context) is { } refused)
        {
            return refused;
        }
        var request = context.Request;
        if (!IsOffsetStream(request))
        {
            return Problem(context, TusProblems.UnsupportedMediaType(TusHeaders.OffsetStream));
        }
        if (!TusHeaders.TryCount(request.Headers[TusHeaders.Offset], out var offset))
        {
            return Problem(context, TusProblems.BadHeader("Upload-Offset must be the upload's offset, a whole number of bytes (HEAD tells it)."));
        }
        var (checksum, checksumError) = TusChecksum.Parse(request.Headers[TusChecksum.Header]);
        if (checksumError is not null)
        {
            return Problem(context, TusProblems.BadHeader(checksumError));
        }
        long? length = null;
        if (request.Headers.ContainsKey(TusHeaders.Length))
        {
            if (!TusHeaders.TryCount(request.Headers[TusHeaders.Length], out var declared))
            {
                return Problem(context, TusProblems.BadHeader("Upload-Length must be a whole number of bytes."));
            }
            length = declared;
        }
        var appended = await Append(uploadId, offset, context, user, checksum, length);
        if (appended.Error is { } problem)
        {
            return Problem(context, problem);
        }
        context.Response.Headers[TusHeaders.Offset] = TusHeaders.Number(appended.Value.Offset);
        context.Response.Headers[TusHeaders.Expires] = TusHeaders.Date(appended.Value.ExpiresAt);
        return Results.NoContent();
    }

    public async Task<IResult> TerminateAsync(string uploadId, HttpContext context, ClaimsPrincipal user)
    {
        if (Preconditions(context) is { } refused)
        {
            return refused;
        }
        var state = await completion.FindAsync(uploadId, user.OwnerId(), context.RequestAborted);
        if (state.Error is { } problem)
        {
            return Problem(context, problem);
        }
        var terminated = await termination.TerminateAsync(state.Value, context.RequestAborted);
        return terminated is null ? Results.NoContent() : Problem(context, terminated);
    }

    private Task<Result<AppendState>> Append(string uploadId, long offset, HttpContext context, ClaimsPrincipal user, TusChecksum? checksum, long? length) =>
        appender.AppendAsync(new AppendRequest(uploadId, user.OwnerId(), offset, context.Request.BodyReader, context.Request.ContentLength, checksum, length,
            quotas.For(user), context.RequestAborted));


    /// <summary>Upload-Length, or Upload-Defer-Length: 1 (then null), or neither for a final upload (its pieces say it).</summary>
    private Result<long?> ReadLength(HttpRequest request, bool final)
    {
        var headers = request.Headers;
        if (final)
        {
            return Result<long?>.Ok(null);
        }
        if (headers.ContainsKey(TusHeaders.Length) && headers.ContainsKey(TusHeaders.DeferLength))
        {
            return Result<long?>.Fail(TusProblems.BadHeader("Send Upload-Length or Upload-Defer-Length: 1, not both."));
        }
        if (headers.ContainsKey(TusHeaders.Length))
        {
            return TusHeaders.TryCount(headers[TusHeaders.Length], out var length)
                ? length > options.Value.MaxFileSize
                    ? Result<long?>.Fail(TusProblems.TooLarge(length, options.Value.MaxFileSize))
                    : Result<long?>.Ok(length)
                : Result<long?>.Fail(TusProblems.BadHeader("Upload-Length must be a whole number of bytes."));
        }
        return headers[TusHeaders.DeferLength] == "1"
            ? Result<long?>.Ok(null)
            : Result<long?>.Fail(TusProblems.BadHeader("A new upload needs Upload-Length, or Upload-Defer-Length: 1 to give it later."));
    }

    private static List<string>? ConcatIds(string header)
    {
        var semicolon = header.IndexOf(';');
        if (semicolon < 0)
        {
            return null;
        }
        return header[(semicolon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(url => url.TrimEnd('/')[(url.TrimEnd('/').LastIndexOf('/') + 1)..])
            .ToList();
    }

    /// <summary>tus: every request but OPTIONS says the version it speaks, and every answer says ours.</summary>
    private static IResult? Preconditions(HttpContext context)
    {
        context.Response.Headers[TusHeaders.Resumable] = TusHeaders.TusVersion;
        if (context.Request.Headers[TusHeaders.Resumable] == TusHeaders.TusVersion)
        {
            return null;
        }
        context.Response.Headers[TusHeaders.Version] = TusHeaders.TusVersion;
        return ApiProblem.Of(new Problem(ErrorCodes.TusVersionUnsupported,
            $"This endpoint speaks tus {TusHeaders.TusVersion}: send Tus-Resumable: {TusHeaders.TusVersion} (or Upload-Draft-Interop-Version for the IETF draft)."));
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private static bool IsOffsetStream(HttpRequest request) => TusHeaders.IsOfType(request, TusHeaders.OffsetStream);

    /// <summary>A problem as the protocol wants it: 409 says the offset to resume from.</summary>
    internal static IResult Problem(HttpContext context, Problem problem)
    {
        if ((problem.Extensions?.GetValueOrDefault("expected-offset") ?? problem.Extensions?.GetValueOrDefault("upload-offset")) is long offset)
        {
            context.Response.Headers[TusHeaders.Offset] = TusHeaders.Number(offset);
        }
        return ApiProblem.Of(problem, context);
    }
}
