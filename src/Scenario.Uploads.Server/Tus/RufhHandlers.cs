using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Auth;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Quotas;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Wire;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// The IETF draft "Resumable Uploads for HTTP", interop versions <see cref="Oldest"/> to <see cref="Newest"/>,
/// on the tus endpoint: a request that carries <c>Upload-Draft-Interop-Version</c> speaks it. Version 3 says
/// <c>Upload-Incomplete</c> where later ones say <c>Upload-Complete</c>; from 6 an append's body is
/// <c>application/partial-upload</c> and <c>Upload-Limit</c> is announced (its <c>expires</c> is <c>max-age</c>
/// from 7). No 104 interim answer is sent: ASP.NET Core has no API for one.
/// </summary>
internal sealed class RufhHandlers(
    TusCreation creation, Appender appender, UploadTermination termination, AppendCompletion completion,
    IUploadRepository uploads, UploadPresenter presenter, QuotaPolicy quotas, PublicBaseUrl baseUrl, IOptions<UploadsOptions> options, TimeProvider time)
{
    public const int Oldest = 3;
    public const int Newest = 9;
    private const string MismatchType = "https://iana.org/assignments/http-problem-types#mismatching-upload-offset";

    public static bool IsRufh(HttpRequest request) => request.Headers.ContainsKey(TusHeaders.InteropVersion);

    public static int? Version(HttpRequest request) =>
        StructuredFields.TryParseNonNegativeInteger(request.Headers[TusHeaders.InteropVersion], out var version) && version is >= Oldest and <= Newest
            ? (int)version
            : null;

    /// <summary>The service's limits as <c>Upload-Limit</c> says them to a client of <paramref name="version"/>.</summary>
    public static string Limit(UploadsOptions options, int version, TimeSpan? age = null) => StructuredFields.Dictionary(
    [
        new("max-size", options.MaxFileSize),
        new(version >= 7 ? "max-age" : "expires", (long)(age ?? options.PendingLifetime).TotalSeconds),
    ]);

    public async Task<IResult> CreateAsync(HttpContext context, ClaimsPrincipal user)
    {
        if (Preconditions(context, out var version) is { } refused)
        {
            return refused;
        }
        var request = context.Request;
        if (ReadComplete(request, version) is not { } complete)
        {
            return Problem(context, CompleteMissing(version));
        }
        var given = ReadLength(request);
        if (given.Error is { } lengthError)
        {
            return Problem(context, lengthError);
        }
        if (complete && given.Value is { } declared && request.ContentLength is { } sent && declared != sent)
        {
            return Problem(context, TusProblems.BadHeader(
                $"Upload-Complete: ?1 says this body is the whole file, but it has {sent} bytes and Upload-Length says {declared}."));
        }
        var length = given.Value ?? (complete ? request.ContentLength : null);
        var create = new TusCreate(user.OwnerId(), user.AuthorId(), quotas.For(user), length, MetadataOf(request), UploadProtocols.Rufh, Partial: false);
        var created = await creation.CreateAsync(create, context.RequestAborted);
        if (created.Error is { } problem)
        {
            return Problem(context, problem);
        }
        context.Response.Headers.Location = TusEndpoints.UrlOf(baseUrl.For(request), created.Value.Id);
        return await AppendAndAnswerAsync(created.Value.Id, 0, complete, length, context, user, version, created: true);
    }

    public async Task<IResult> OffsetAsync(string uploadId, HttpContext context, ClaimsPrincipal user)
    {
        if (Preconditions(context, out var version) is { } refused)
        {
            return refused;
        }
        context.Response.Headers.CacheControl = "no-store";
        var state = await completion.FindAsync(uploadId, user.OwnerId(), context.RequestAborted);
        if (state.Error is { } problem)
        {
            return Problem(context, problem);
        }
        WriteState(context, state.Value, version);
        return Results.NoContent();
    }

    public async Task<IResult> AppendAsync(string uploadId, HttpContext context, ClaimsPrincipal user)
    {
        if (Preconditions(context, out var version) is { } refused)
        {
            return refused;
        }
        var request = context.Request;
        if (version >= 6 && !TusHeaders.IsOfType(request, TusHeaders.PartialUpload))
        {
            return Problem(context, TusProblems.UnsupportedMediaType(TusHeaders.PartialUpload));
        }
        if (!StructuredFields.TryParseNonNegativeInteger(request.Headers[TusHeaders.Offset], out var offset))
        {
            return Problem(context, TusProblems.BadHeader("Upload-Offset must be the upload's offset, a structured-field integer (HEAD tells it)."));
        }
        if (ReadComplete(request, version) is not { } complete)
        {
            return Problem(context, CompleteMissing(version));
        }
        var length = ReadLength(request);
        if (length.Error is { } lengthError)
        {
            return Problem(context, lengthError);
        }
        if (complete && length.Value is { } declared && request.ContentLength is { } body && declared != offset + body)
        {
            return Problem(context, TusProblems.BadHeader(
                $"Upload-Complete: ?1 says this body ends the file at {offset + body} bytes, but Upload-Length says {declared}."));
        }
        var total = length.Value ?? (complete && request.ContentLength is { } sent ? offset + sent : null);
        return await AppendAndAnswerAsync(uploadId, offset, complete, total, context, user, version, created: false);
    }

    public async Task<IResult> CancelAsync(string uploadId, HttpContext context, ClaimsPrincipal user)
    {
        if (Preconditions(context, out _) is { } refused)
        {
            return refused;
        }
        var state = await completion.FindAsync(uploadId, user.OwnerId(), context.RequestAborted);
        if (state.Error is { } problem)
        {
            return Problem(context, problem);
        }
        var cancelled = await termination.TerminateAsync(state.Value, context.RequestAborted);
        return cancelled is null ? Results.NoContent() : Problem(context, cancelled);
    }

    /// <summary>Appends the body and answers as the draft says: the offset, or the upload once it is complete.</summary>
    private async Task<IResult> AppendAndAnswerAsync(
        string uploadId, long offset, bool complete, long? length, HttpContext context, ClaimsPrincipal user, int version, bool created)
    {
        var appended = await appender.AppendAsync(new AppendRequest(uploadId, user.OwnerId(), offset, context.Request.BodyReader,
            context.Request.ContentLength, null, length, quotas.For(user), context.RequestAborted, CompletesAtEnd: complete));
        if (appended.Error is { } problem)
        {
            return Problem(context, problem);
        }
        WriteState(context, appended.Value, version);
        if (!appended.Value.IsComplete)
        {
            return created ? Results.StatusCode(StatusCodes.Status201Created) : Results.NoContent();
        }
        // Complete: the answer the API gives for the upload, as the draft asks of the target resource's (a 200,
        // also for a creation, whose Location is set).
        var upload = await uploads.FindAsync(uploadId, context.RequestAborted);
        return JsonOkResult.Of(new UploadEnvelope(presenter.Present(upload!, null, baseUrl.For(context.Request))));
    }

    private void WriteState(HttpContext context, AppendState state, int version)
    {
        var headers = context.Response.Headers;
        headers[TusHeaders.Offset] = TusHeaders.Number(state.Offset);
        if (version == 3)
        {
            headers[TusHeaders.Incomplete] = StructuredFields.Boolean(!state.IsComplete);
        }
        else
        {
            headers[TusHeaders.Complete] = StructuredFields.Boolean(state.IsComplete);
        }
        if (state.Length is { } length && version >= 6)
        {
            headers[TusHeaders.Length] = TusHeaders.Number(length);
        }
        if (version >= 6)
        {
            var age = state.ExpiresAt - time.GetUtcNow();
            headers[TusHeaders.Limit] = Limit(options.Value, version, age > TimeSpan.Zero ? age : TimeSpan.Zero);
        }
    }


    private static IResult? Preconditions(HttpContext context, out int version)
    {
        if (Version(context.Request) is { } known)
        {
            version = known;
            return null;
        }
        version = Newest;
        return ApiProblem.Of(TusProblems.BadHeader(
            $"Upload-Draft-Interop-Version must be one this service speaks: {Oldest} to {Newest}."));
    }

    /// <summary>Upload-Complete (Upload-Incomplete in version 3), or null when absent or not a boolean.</summary>
    private static bool? ReadComplete(HttpRequest request, int version)
    {
        var header = version == 3 ? TusHeaders.Incomplete : TusHeaders.Complete;
        if (!StructuredFields.TryParseBoolean(request.Headers[header], out var value))
        {
            return null;
        }
        return version == 3 ? !value : value;
    }

    private static Problem CompleteMissing(int version) => TusProblems.BadHeader(version == 3
        ? "Upload-Incomplete must be ?0 or ?1."
        : "Upload-Complete must be ?1 (this request ends the upload) or ?0 (more will follow).");

    private static Result<long?> ReadLength(HttpRequest request)
    {
        if (!request.Headers.ContainsKey(TusHeaders.Length))
        {
            return Result<long?>.Ok(null);
        }
        return StructuredFields.TryParseNonNegativeInteger(request.Headers[TusHeaders.Length], out var length)
            ? Result<long?>.Ok(length)
            : Result<long?>.Fail(TusProblems.BadHeader("Upload-Length must be a structured-field integer."));
    }

    /// <summary>
    /// tus's <c>Upload-Metadata</c> where the client sends it (tus-js-client does in its draft modes), else the file's
    /// name and type from Content-Disposition and Content-Type, written as tus metadata so both protocols read one way.
    /// </summary>
    private static string? MetadataOf(HttpRequest request)
    {
        if (request.Headers.ContainsKey(TusMetadata.Header))
        {
            return request.Headers[TusMetadata.Header].ToString();
        }
        if (!ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
        {
            return null;
        }
        var name = disposition.FileNameStar.Value ?? disposition.FileName.Value?.Trim('"');
        var type = request.ContentType;
        var pairs = new List<string>();
        if (!string.IsNullOrEmpty(name))
        {
            pairs.Add("filename " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(name)));
        }
        if (!string.IsNullOrEmpty(type) && !type.StartsWith(TusHeaders.PartialUpload, StringComparison.OrdinalIgnoreCase))
        {
            pairs.Add("filetype " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(type)));
        }
        return pairs.Count == 0 ? null : string.Join(',', pairs);
    }

    private static IResult Problem(HttpContext context, Problem problem)
    {
        var result = TusHandlers.Problem(context, problem);
        if (problem.Code == ErrorCodes.UploadOffsetMismatch && result is ProblemHttpResult typed)
        {
            typed.ProblemDetails.Type = MismatchType;
        }
        return result;
    }
}
