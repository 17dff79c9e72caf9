using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Auth;

/// <summary>
/// On start: writes the configured keys (hashed), and on a fresh database with none configured creates
/// one key and prints it once, so a newcomer can use the service straight away.
/// </summary>
public sealed class ApiKeyBootstrap(IApiKeyRepository keys, IOptions<AuthOptions> options, TimeProvider time, ILogger<ApiKeyBootstrap> logger)
{
    public async Task RunAsync(string publicUrlHint, CancellationToken cancellationToken)
    {
        var configured = options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k.ApiKey)).ToList();
        foreach (var key in configured)
        {
            if (string.IsNullOrWhiteSpace(key.ApiSecret))
            {
                throw new InvalidOperationException($"Auth:ApiKeys entry '{key.ApiKey}' has no ApiSecret.");
            }
            await keys.UpsertAsync(
                new ApiKeyRecord(key.ApiKey, SecretHasher.Hash(key.ApiSecret), key.OwnerId ?? "owner_" + key.ApiKey,
                    key.AuthorId ?? key.OwnerId ?? "author_" + key.ApiKey, time.GetUtcNow()),
                cancellationToken);
        }
        if (configured.Count > 0 || await keys.AnyAsync(cancellationToken))
        {
            return;
        }
        var apiKey = Ids.New("key");
        var apiSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var owner = Ids.New("owner");
        await keys.UpsertAsync(new ApiKeyRecord(apiKey, SecretHasher.Hash(apiSecret), owner, owner, time.GetUtcNow()), cancellationToken);
        // Printed to the console rather than logged, so the secret does not end up in log stores.
        Console.Out.WriteLine(
            $"""

            No API key was configured, so one was created. It is shown only this once: keep it.
                export SCENARIO_SDK_API_KEY={apiKey}
                export SCENARIO_SDK_API_SECRET={apiSecret}
                export SCENARIO_BASE_URL={publicUrlHint}
            Then: curl -u "$SCENARIO_SDK_API_KEY:$SCENARIO_SDK_API_SECRET" "$SCENARIO_BASE_URL/uploads"

            """);
        logger.LogInformation("Created API key {ApiKey} for owner {OwnerId}.", apiKey, owner);
    }
}
