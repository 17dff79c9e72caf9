using Microsoft.Extensions.Options;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Hashing;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Quotas;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Quotas;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// An append of either protocol: holds the upload in the database (one append at a time across instances),
/// streams the body into the store while hashing it, checks the client's checksum, advances the offset from
/// the one it started at, and completes the upload with its last byte. An append cut short keeps, and
/// acknowledges, the bytes that arrived; one whose checksum fails keeps none.
/// </summary>
internal sealed class Appender(
    IAppendRepository appends,
    IUploadRepository uploads,
    IAppendStore store,
    AppendCompletion completion,
    IOptions<UploadsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    UploadsMetrics metrics,
    ILogger<Appender> logger)
{
    /// <summary>How long a hold lasts without renewal: an instance that died mid-append blocks its upload this long at most.</summary>
    internal static readonly TimeSpan HoldFor = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan RenewEvery = HoldFor / 4;
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];

    public async Task<Result<AppendState>> AppendAsync(AppendRequest request)
    {
        using var activity = UploadsTracing.Source.StartActivity("append");
        activity?.SetTag("scenario.upload.id", request.Id);
        var started = time.GetTimestamp();
        Result<AppendState>? result = null;
        var protocol = "unknown";
        var from = request.Offset;
        try
        {
            return result = await CheckAndAppendAsync(request, p => protocol = p);
        }
        finally
        {
            // An exception left to the global handler is ours: "error", as for part writes.
            var outcome = result is null ? "error" : result.Error?.Code ?? "stored";
            activity?.SetTag("scenario.append.outcome", outcome);
            metrics.Appended(protocol, outcome, result is { Succeeded: true } ? result.Value.Offset - from : 0, time.GetElapsedTime(started));
        }
    }

    private async Task<Result<AppendState>> CheckAndAppendAsync(AppendRequest request, Action<string> protocolIs)
    {
        // Not the client's token, up to the body's end: bytes that arrived before it went are kept all the same.
        var found = await completion.FindAsync(request.Id, request.OwnerId, CancellationToken.None);
        if (found.Error is { } missing)
        {
            return Result<AppendState>.Fail(missing);
        }
        var state = found.Value;
        protocolIs(state.Protocol);
        if (Check(state, request) is { } refused)
        {
            return Result<AppendState>.Fail(refused);
        }
        var holder = $"{_instance}/{Guid.NewGuid():N}";
        var (held, taken) = await appends.HoldAsync(state.Id, holder, time.GetUtcNow(), time.GetUtcNow() + HoldFor, CancellationToken.None);
        if (!taken || held is null)
        {
            return Result<AppendState>.Fail(TusProblems.Locked);
        }
        try
        {
            // Read again under the hold: an append that ended meanwhile moved the offset.
            if (Check(held, request) is { } stale)
            {
                return Result<AppendState>.Fail(stale);
            }
            return await AppendHeldAsync(held, holder, request);
        }
        finally
        {
            await ReleaseAsync(state.Id, holder);
        }
    }

    private Problem? Check(AppendState state, AppendRequest request)
    {
        if (state.Concat is not null)
        {
            return TusProblems.Final;
        }
        if (request.Offset != state.Offset)
        {
            return TusProblems.OffsetMismatch(state.Offset, request.Offset);
        }
        var length = state.Length ?? request.Length;
        if (state.Length is { } known && request.Length is { } given && given != known)
        {
            return TusProblems.LengthChanged(known, given);
        }
        if (length is { } total && total < state.Offset)
        {
            return TusProblems.LengthBelowOffset(total, state.Offset);
        }
        if (request.Length is { } arriving && state.Length is null && arriving > MaxLength(state))
        {
            return TusProblems.TooLarge(arriving, MaxLength(state));
        }
        if (request.ContentLength is { } sent && sent > MaxBytes(state, length))
        {
            return TusProblems.TooLarge(state.Offset + sent, length ?? MaxLength(state));
        }
        return null;
    }

    /// <summary>The most an upload of deferred length may hold: the service's maximum, in parts of its part size.</summary>
    private long MaxLength(AppendState state) => Math.Min(options.Value.MaxFileSize, state.PartSize * Model.PartPlan.MaxParts);

    private long MaxBytes(AppendState state, long? length) => (length ?? MaxLength(state)) - state.Offset;

    private async Task<Result<AppendState>> AppendHeldAsync(AppendState state, string holder, AppendRequest request)
    {
        if (await DeclareAsync(state, request.Length, request.Quota) is { } overQuota)
        {
            return Result<AppendState>.Fail(overQuota);
        }
        var received = await ReceiveAsync(state, holder, request);
        return received.Error is { } refused ? Result<AppendState>.Fail(refused) : await RecordAsync(state, holder, request, received.Value);
    }

    /// <summary>The bytes into the store, hashed on the way, and what the protocols then ask of them (checksum, length).</summary>
    private async Task<Result<Received>> ReceiveAsync(AppendState state, string holder, AppendRequest request)
    {
        var length = state.Length ?? request.Length;
        // A partial upload's own SHA-256 would never be used: its final upload is hashed as its pieces are joined.
        var hash = state.IsPartial ? null : AppendHashes.Resume(state.HashState, state.Offset);
        using var checksum = request.Checksum?.NewHash();
        await using var renewal = new HoldRenewal(appends, state.Id, holder, time, RenewEvery, HoldFor);
        using var body = new IdleTimeoutPipeReader(request.Body, options.Value.PartIdleTimeout, time);
        var outcome = await store.AppendAsync(Target(state), state.Offset, MaxBytes(state, length), body, bytes =>
        {
            hash?.Append(bytes);
            checksum?.AppendData(bytes);
        }, renewal.Token);
        var to = state.Offset + outcome.Kept;
        var whole = outcome.BodyError is null;
        if (whole && outcome.Kept == MaxBytes(state, length) && await HasMoreAsync(body, request.ClientGone))
        {
            return Result<Received>.Fail(TusProblems.TooLarge(to + 1, length ?? MaxLength(state)));
        }
        if (checksum is not null && (!whole || !request.Checksum!.Matches(checksum.GetHashAndReset())))
        {
            return Result<Received>.Fail(TusProblems.ChecksumMismatch(request.Checksum!.Algorithm));
        }
        if (request.CompletesAtEnd && whole && length is { } declared && declared != to)
        {
            return Result<Received>.Fail(TusProblems.BadHeader(
                $"Upload-Complete: ?1 says the body ends the file, but it ended at {to} bytes and the file has {declared}."));
        }
        // RUFH's "this is the end" on a body of unknown length: the length is where it ended, if it ended whole.
        if (request.CompletesAtEnd && whole && length is null)
        {
            length = to;
            if (await DeclareAsync(state, length, request.Quota) is { } overQuota)
            {
                return Result<Received>.Fail(overQuota);
            }
        }
        return Result<Received>.Ok(new Received(to, length, AppendHashes.Save(hash), outcome.BodyError));
    }

    /// <summary>The new offset recorded (from the one the append started at), then the answer, and the upload completed by its last byte.</summary>
    private async Task<Result<AppendState>> RecordAsync(AppendState state, string holder, AppendRequest request, Received received)
    {
        if (received.Offset > state.Offset || received.Length != state.Length)
        {
            // The hold's loss is the only way this fails: a takeover only happens to a hold that ran out.
            if (!await appends.AdvanceAsync(state.Id, holder, state.Offset, received.Offset, received.HashState, received.Length, CancellationToken.None))
            {
                return Result<AppendState>.Fail(TusProblems.Locked);
            }
            await ForgetAsync(Target(state), state.Offset, received.Offset);
        }
        var advanced = state with { Offset = received.Offset, Length = received.Length, HashState = received.HashState };
        if (received.BodyError is { } bodyError)
        {
            logger.LogInformation(bodyError, "An append to upload {UploadId} ended early; its offset is {Offset}.", state.Id, received.Offset);
            if (Interrupted(bodyError, received.Offset, request.ClientGone) is { } interrupted)
            {
                return Result<AppendState>.Fail(interrupted);
            }
        }
        // Also when the last byte came earlier: completing is idempotent, and an append that found the bytes all
        // in (its instance stopped between the two) completes the upload now.
        if (advanced.IsComplete && (await completion.FinishAsync(advanced, request.Quota, CancellationToken.None)).Error is { } problem)
        {
            return Result<AppendState>.Fail(problem);
        }
        return Result<AppendState>.Ok(advanced);
    }

    private static AppendTarget Target(AppendState state) => new(state.StorageKey, state.StorageUploadId, state.PartSize);

    /// <summary>What an append received: the offset it reached, the length now known, the hash state there, why its body ended early.</summary>
    private sealed record Received(long Offset, long? Length, string? HashState, Exception? BodyError);

    /// <summary>
    /// A length that was deferred, arriving: the upload takes it (and its plan) only within the owner's quota of
    /// pending and stored bytes, as a create with that length would have. Partial uploads have no upload to give it to.
    /// </summary>
    private async Task<Problem?> DeclareAsync(AppendState state, long? length, QuotaLimits quota)
    {
        if (state.Length is not null || length is not { } known || state.IsPartial)
        {
            return null;
        }
        var breach = await uploads.DeclareLengthAsync(state.Id, Model.PartPlan.Of(known, state.PartSize), quota, CancellationToken.None);
        return breach is null ? null : QuotaProblem.For(breach, atComplete: false);
    }

    /// <summary>
    /// The answer to a body that broke off while its client is still there (a stall, this instance stopping,
    /// broken framing): what arrived is kept, and the answer says the offset to resume from. Null when the client
    /// is gone (nobody reads the answer) or the body ended as bodies do.
    /// </summary>
    private Problem? Interrupted(Exception error, long offset, CancellationToken clientGone)
    {
        var resume = new Dictionary<string, object?> { ["upload-offset"] = offset };
        return error switch
        {
            BodyStalledException stalled => new Problem(ErrorCodes.PartStalled,
                $"No byte arrived for {stalled.IdleTimeout.TotalSeconds} s; the {offset} bytes before are kept. Resume from offset {offset}.", resume),
            _ when lifetime.ApplicationStopping.IsCancellationRequested => new Problem(ErrorCodes.ShuttingDown,
                $"This instance is stopping; the upload's {offset} bytes are kept. Resume from offset {offset}, here once it is back or on another instance.", resume),
            _ when clientGone.IsCancellationRequested => null,
            BadHttpRequestException or IOException => new Problem(ErrorCodes.BadRequest,
                $"The request's body broke off ({error.Message}); the upload's {offset} bytes are kept. Resume from offset {offset}.", resume),
            _ => null,
        };
    }

    /// <summary>Whether the body goes on past the upload's length (a chunked body that said nothing of its size).</summary>
    private static async Task<bool> HasMoreAsync(IdleTimeoutPipeReader body, CancellationToken cancellationToken)
    {
        try
        {
            var result = await body.ReadAsync(cancellationToken);
            var more = !result.Buffer.IsEmpty;
            body.AdvanceTo(result.Buffer.End);
            return more;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return false;
        }
    }

    private async Task ForgetAsync(AppendTarget target, long from, long to)
    {
        try
        {
            await store.AdvancedAsync(target, from, to, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or Amazon.Runtime.AmazonServiceException)
        {
            // A leftover tail costs space until the upload ends (deleting the upload deletes its tails).
            logger.LogWarning(e, "Could not delete what upload {Key} no longer needs at offset {Offset}.", target.Key, from);
        }
    }

    private async Task ReleaseAsync(string id, string holder)
    {
        try
        {
            await appends.ReleaseAsync(id, holder, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The hold then runs out by itself.
            logger.LogWarning(e, "Could not release the hold on upload {UploadId}; it ends in {Seconds} s.", id, HoldFor.TotalSeconds);
        }
    }
}
