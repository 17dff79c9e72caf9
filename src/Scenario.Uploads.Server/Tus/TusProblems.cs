using Scenario.Uploads.Errors;

namespace Scenario.Uploads.Server.Tus;

/// <summary>The refusals of tus and RUFH requests, each with the code and status the protocols give them.</summary>
internal static class TusProblems
{
    public static readonly Problem NotFound = Problem.NotFound("upload");

    public static readonly Problem Locked = new(ErrorCodes.UploadLocked,
        "Another request is appending to this upload (on this or another instance). Try again in a moment; HEAD tells the offset to resume from.");

    public static readonly Problem Final = new(ErrorCodes.UploadIsFinal,
        "This is a final upload of tus concatenation: its bytes are its partial uploads', and it takes none of its own.");

    public static Problem Gone(string? why) => new(ErrorCodes.UploadGone,
        $"This upload takes no more bytes: {why ?? "it was terminated."} Create a new upload.");

    public static Problem OffsetMismatch(long expected, long provided) => new(ErrorCodes.UploadOffsetMismatch,
        $"The upload has {expected} bytes; this request appends at {provided}. Resume from offset {expected} (HEAD tells it).",
        new Dictionary<string, object?> { ["expected-offset"] = expected, ["provided-offset"] = provided });

    public static Problem LengthChanged(long known, long given) => new(ErrorCodes.InvalidUploadHeader,
        $"The upload's length is {known} bytes; a request cannot change it to {given}.");

    public static Problem LengthBelowOffset(long length, long offset) => new(ErrorCodes.InvalidUploadHeader,
        $"A length of {length} bytes is less than the {offset} bytes the upload already has.");

    public static Problem TooLarge(long reached, long most) => new(ErrorCodes.UploadTooLarge,
        $"The upload would reach {reached} bytes, past its length or the service's maximum of {most} bytes.");

    public static Problem ChecksumMismatch(string algorithm) => new(ErrorCodes.ChecksumMismatch,
        $"The bytes of this request do not have the {algorithm} checksum it announced (or did not all arrive); none were kept. Send them again.");

    public static Problem BadHeader(string detail) => new(ErrorCodes.InvalidUploadHeader, detail);

    public static Problem UnsupportedMediaType(string expected) => new(ErrorCodes.UnsupportedMediaType,
        $"An append's body must be sent with Content-Type: {expected}.");
}
