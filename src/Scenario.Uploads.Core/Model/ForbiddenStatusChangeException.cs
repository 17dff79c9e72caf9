namespace Scenario.Uploads.Model;

/// <summary>
/// A change of an upload's status that <see cref="UploadLifecycle"/> does not allow was asked for: a bug in
/// the caller, never a client's doing, refused before anything is written.
/// </summary>
public sealed class ForbiddenStatusChangeException(string from, string to)
    : InvalidOperationException($"An upload cannot go from {from} to {to}.")
{
    public string From { get; } = from;

    public string To { get; } = to;
}
