using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Parts;

/// <summary>The refusals of a part PUT, worded once.</summary>
internal static class PartProblems
{
    public static readonly Problem NoSuchUpload = Problem.NotFound("upload");

    public static Problem? NotPending(string status, string? errorMessage) => status switch
    {
        UploadStatuses.Pending => null,
        UploadStatuses.Failed => new Problem(ErrorCodes.UploadFailed, $"The upload failed and takes no more parts: {errorMessage} Create a new upload."),
        _ => new Problem(ErrorCodes.UploadNotPending, $"The upload is {status}: it was completed and takes no more parts."),
    };

    public static Problem TooManyInFlight(int limit) => new(ErrorCodes.TooManyPartsInFlight,
        $"This account already has {limit} part uploads in progress on this server; send this part again when one of them is done.");

    public static Problem ShuttingDown(int? number) => new(ErrorCodes.ShuttingDown,
        (number is { } n ? $"Part {n} was cut off: " : "")
        + "this server is restarting and takes no new part uploads; send the part again in a few seconds (to another instance if there is one).");

    public static Problem DiskFull(int number) => new(ErrorCodes.InsufficientStorage,
        $"The service's storage is full: part {number} was not stored. Send it again later, or ask the operator to free space.");

    public static Problem Stalled(int number, TimeSpan idle) => new(ErrorCodes.PartStalled,
        $"No bytes of part {number} arrived for {idle.TotalSeconds:0} s, so the service stopped waiting: the part was not stored. Send it again.");

    public static Problem ClientGone(int number) => new(ErrorCodes.BadRequest,
        $"The connection closed before part {number} was complete: the part was not stored. Send it again.");

    public static Problem BrokenFraming(int number) => new(ErrorCodes.BadRequest,
        $"The chunked framing of part {number} is broken (a chunk size that does not fit in 64 bits): the part was not stored. Send it again with Content-Length.");

    public static Problem BadDigest(int number) => new(ErrorCodes.BadDigest,
        $"Part {number} arrived with a different MD5 than its Content-MD5 header: it was damaged on the way. Send it again.");

    public static PartSizeResult FixedSizeMismatch(PartPlan plan, int number) =>
        PartSizeResult.Fail(plan.SizeOf(number),
            $"Part {number} must be exactly {plan.SizeOf(number)} bytes: this upload's part size is {plan.PartSize} bytes, fixed by the first part it received"
            + (number == plan.PartsCount ? $", and part {number} is the last, carrying the rest" : ""));

    public static Problem SizeMismatch(string rule, long? received) => new(ErrorCodes.PartSizeMismatch,
        (received is { } got ? $"{rule}; this request carried {got}." : $"{rule}; this request carried a different number of bytes.")
        + " The part was not stored: send it again with the right bytes.");
}
