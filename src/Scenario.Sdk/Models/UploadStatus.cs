using System.Text.Json.Serialization;
using Scenario.Core;

namespace Scenario.Models;

/// <summary>
/// Where an upload is in its lifecycle.
/// Open to values added by the server later: an unknown value is kept as is, never an error.
/// </summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(StringValueJsonConverter<UploadStatus>))]
public readonly record struct UploadStatus(string Value) : IStringValue<UploadStatus>
{
    /// <summary>All parts are in; processing is about to start. Wire value <c>"complete"</c>.</summary>
    public static UploadStatus Complete { get; } = new("complete");

    /// <summary>Terminal: the upload failed; see Upload.ErrorMessage. Wire value <c>"failed"</c>.</summary>
    public static UploadStatus Failed { get; } = new("failed");

    /// <summary>Terminal: the file was imported; see Upload.EntityId. Wire value <c>"imported"</c>.</summary>
    public static UploadStatus Imported { get; } = new("imported");

    /// <summary>Waiting for the parts (or the download) to arrive. Wire value <c>"pending"</c>.</summary>
    public static UploadStatus Pending { get; } = new("pending");

    /// <summary>The content matched its kind; importing. Wire value <c>"validated"</c>.</summary>
    public static UploadStatus Validated { get; } = new("validated");

    /// <summary>The content is being checked. Wire value <c>"validating"</c>.</summary>
    public static UploadStatus Validating { get; } = new("validating");

    /// <summary>The values this version of the SDK knows about.</summary>
    public static IReadOnlyList<UploadStatus> Known { get; } = [Complete, Failed, Imported, Pending, Validated, Validating];

    /// <summary>Whether this is one of the <see cref="Known"/> values.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public static UploadStatus From(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator UploadStatus(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
