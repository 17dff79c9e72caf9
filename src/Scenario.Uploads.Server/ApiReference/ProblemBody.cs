using System.ComponentModel;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// The problem+json body of every error answer (RFC 9457 plus our fields) as <c>ApiProblem</c> writes it, for
/// the document only: each operation's answers narrow <c>code</c> to the codes it can send.
/// </summary>
public sealed record ProblemBody
{
    [Description("A URI naming the code, e.g. https://docs.scenario.com/errors/not-found.")]
    public required string Type { get; init; }

    [Description("The status's reason phrase.")]
    public required string Title { get; init; }

    public required int Status { get; init; }

    [Description("What went wrong and what to do about it, for a person.")]
    public required string Detail { get; init; }

    [Description("The same text as `detail`, for Scenario clients.")]
    public required string Reason { get; init; }

    [Description("The stable, machine-readable code to switch on: never renamed, its status never changed.")]
    public required string Code { get; init; }

    [Description("The request's trace id, to find it in the service's logs.")]
    public required string TraceId { get; init; }

    [Description("With `Retry-After`, for the service's own passing events: when to try again, in seconds.")]
    public int? RemainingSeconds { get; init; }

    [Description("With `parts_missing`: the numbers of the parts to upload before completing again.")]
    public IReadOnlyList<int>? MissingParts { get; init; }

    [Description("With `upload_offset_mismatch` (tus, RUFH): the upload's offset, where the next append must start.")]
    [System.Text.Json.Serialization.JsonPropertyName("expected-offset")]
    public long? ExpectedOffset { get; init; }

    [Description("With `upload_offset_mismatch` (tus, RUFH): the offset the refused request gave.")]
    [System.Text.Json.Serialization.JsonPropertyName("provided-offset")]
    public long? ProvidedOffset { get; init; }

    [Description("When an append broke off (tus, RUFH): the upload's offset, counting the bytes that arrived before, to resume from.")]
    [System.Text.Json.Serialization.JsonPropertyName("upload-offset")]
    public long? UploadOffset { get; init; }
}
