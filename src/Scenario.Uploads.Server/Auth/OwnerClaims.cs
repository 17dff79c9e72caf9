using System.Security.Claims;

namespace Scenario.Uploads.Server.Auth;

/// <summary>Who the caller is: the owner isolates data, the author is recorded on what they create.</summary>
public static class OwnerClaims
{
    public const string Owner = "scenario:owner";
    public const string Author = "scenario:author";

    public static string OwnerId(this ClaimsPrincipal user) =>
        user.FindFirstValue(Owner) ?? throw new InvalidOperationException("The endpoint requires authentication.");

    public static string AuthorId(this ClaimsPrincipal user) =>
        user.FindFirstValue(Author) ?? throw new InvalidOperationException("The endpoint requires authentication.");
}
