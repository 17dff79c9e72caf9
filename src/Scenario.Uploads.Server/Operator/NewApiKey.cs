using System.Security.Cryptography;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Auth;

namespace Scenario.Uploads.Server.Operator;

/// <summary>A freshly made API key. Its secret lives only here and in the one print of it; the database keeps a hash.</summary>
internal sealed record NewApiKey(string ApiKey, string ApiSecret, string OwnerId)
{
    public static NewApiKey Generate(string? ownerId) =>
        new(Ids.New("key"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            ownerId ?? Ids.New("owner"));

    public ApiKeyRecord ToRecord(DateTimeOffset createdAt) => new(ApiKey, SecretHasher.Hash(ApiSecret), OwnerId, OwnerId, createdAt);

    /// <summary>
    /// To the console rather than a log, so the secret does not end up in log stores; with the lines a user
    /// pastes into a shell.
    /// </summary>
    public void Print(TextWriter output, string headline, string apiBaseUrl) =>
        output.WriteLine(
            $"""

            {headline} It is shown only this once: keep it.
                export SCENARIO_SDK_API_KEY={ApiKey}
                export SCENARIO_SDK_API_SECRET={ApiSecret}
                export SCENARIO_BASE_URL={apiBaseUrl}
            Then: curl -u "$SCENARIO_SDK_API_KEY:$SCENARIO_SDK_API_SECRET" "$SCENARIO_BASE_URL/uploads"

            """);
}
