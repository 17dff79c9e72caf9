using System.Text.Json.Serialization;
using Scenario.Core;

namespace Scenario.Models;

/// <summary>
/// The state of a background job.
/// Open to values added by the server later: an unknown value is kept as is, never an error.
/// </summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(StringValueJsonConverter<JobStatus>))]
public readonly record struct JobStatus(string Value) : IStringValue<JobStatus>
{
    /// <summary>Waiting to run. Wire value <c>"queued"</c>.</summary>
    public static JobStatus Queued { get; } = new("queued");

    /// <summary>Running. Wire value <c>"in-progress"</c>.</summary>
    public static JobStatus InProgress { get; } = new("in-progress");

    /// <summary>Finished successfully. Wire value <c>"success"</c>.</summary>
    public static JobStatus Success { get; } = new("success");

    /// <summary>Finished with an error. Wire value <c>"failure"</c>.</summary>
    public static JobStatus Failure { get; } = new("failure");

    /// <summary>Canceled before it finished. Wire value <c>"canceled"</c>.</summary>
    public static JobStatus Canceled { get; } = new("canceled");

    /// <summary>The values this version of the SDK knows about.</summary>
    public static IReadOnlyList<JobStatus> Known { get; } = [Queued, InProgress, Success, Failure, Canceled];

    /// <summary>Whether this is one of the <see cref="Known"/> values.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public static JobStatus From(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator JobStatus(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
