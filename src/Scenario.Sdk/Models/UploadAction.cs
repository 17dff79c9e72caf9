using System.Text.Json.Serialization;
using Scenario.Core;

namespace Scenario.Models;

/// <summary>
/// An action that can be triggered on an upload.
/// Open to values added by the server later: an unknown value is kept as is, never an error.
/// </summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(StringValueJsonConverter<UploadAction>))]
public readonly record struct UploadAction(string Value) : IStringValue<UploadAction>
{
    /// <summary>All parts are uploaded: start validation and import. Wire value <c>"complete"</c>.</summary>
    public static UploadAction Complete { get; } = new("complete");

    /// <summary>Give up on a pending upload (an extension of this service); it becomes failed. Wire value <c>"abort"</c>.</summary>
    public static UploadAction Abort { get; } = new("abort");

    /// <summary>The values this version of the SDK knows about.</summary>
    public static IReadOnlyList<UploadAction> Known { get; } = [Complete, Abort];

    /// <summary>Whether this is one of the <see cref="Known"/> values.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public static UploadAction From(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator UploadAction(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
