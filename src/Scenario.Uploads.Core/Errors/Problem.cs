namespace Scenario.Uploads.Errors;

/// <summary>
/// A refusal in the making: a stable <see cref="ErrorCodes">code</see>, a sentence for the user, and any
/// extra fields of the answer. Its HTTP status is the code's, from <see cref="ErrorStatuses"/>.
/// </summary>
public sealed record Problem(string Code, string Detail, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public int Status => ErrorStatuses.Of(Code);

    /// <summary>The one wording of a 404: never says whether the thing exists for another owner.</summary>
    public static Problem NotFound(string what) => new(ErrorCodes.NotFound, $"No {what} with that id exists for this account.");
}
