namespace Scenario.Formats;

/// <summary>A format recognised from a file's first bytes.</summary>
/// <param name="Format">Short and lower case: <c>png</c>, <c>glb</c>, …</param>
/// <param name="Family">The family (<see cref="FormatNames.Image"/>, …).</param>
/// <param name="Description">The phrase the service's messages use: "a PNG image".</param>
public sealed record SniffedFormat(string Format, string Family, string Description)
{
    /// <summary>The MIME type of the format.</summary>
    public string ContentType => FormatNames.MimeOf(Format);
}
