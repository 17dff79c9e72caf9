namespace Scenario.Cli.Profiles;

/// <summary>
/// Where one run talks to and with which credentials, and where each came from, so that the run can name its host
/// and a printed resume command can repeat the same choices (never the secret itself).
/// </summary>
/// <param name="BaseUrl">The API base URL.</param>
/// <param name="ApiKey">The API key, if any source gave one.</param>
/// <param name="ApiSecret">The API secret, if any source gave one.</param>
/// <param name="BaseUrlSource">How the base URL was chosen, in words: <c>--base-url</c>, <c>SCENARIO_BASE_URL</c>, <c>profile local</c>, or the default.</param>
/// <param name="Profile">The profile used, if any.</param>
/// <param name="ResumeFlags">The flags, shell-quoted, a later command needs to reach the same service with the same credentials.</param>
/// <param name="SecretTyped">The secret came from <c>--api-secret</c>: a printed command cannot repeat it.</param>
public sealed record Connection(
    string BaseUrl, string? ApiKey, string? ApiSecret, string BaseUrlSource, string? Profile, IReadOnlyList<string> ResumeFlags, bool SecretTyped)
{
    /// <summary>The line each human-readable run prints on standard error.</summary>
    public string Announcement => $"→ {BaseUrl} ({BaseUrlSource})";

    /// <summary>A command that continues this run: <paramref name="words"/> (already quoted) plus the flags, and a note when the secret must be given again.</summary>
    public string Command(params string[] words)
    {
        var line = string.Join(' ', ["scenario", .. words, .. ResumeFlags]);
        return SecretTyped ? $"{line} --api-secret … (give the secret again: it is never printed)" : line;
    }
}
