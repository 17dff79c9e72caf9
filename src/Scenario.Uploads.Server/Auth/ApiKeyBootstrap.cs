using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Operator;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Auth;

/// <summary>
/// On start: writes the configured keys (hashed), and on a fresh database with none configured creates
/// one key and prints it once, so a newcomer can use the service straight away.
/// </summary>
public sealed class ApiKeyBootstrap(IApiKeyRepository keys, IOptions<AuthOptions> options, TimeProvider time, ILogger<ApiKeyBootstrap> logger)
{
    /// <summary>Before the server listens: the configured keys work from its first request.</summary>
    public async Task WriteConfiguredAsync(CancellationToken cancellationToken)
    {
        foreach (var key in Configured())
        {
            await keys.UpsertAsync(
                new ApiKeyRecord(key.ApiKey, SecretHasher.Hash(key.ApiSecret), key.OwnerId ?? "owner_" + key.ApiKey,
                    key.AuthorId ?? key.OwnerId ?? "author_" + key.ApiKey, time.GetUtcNow()),
                cancellationToken);
        }
    }

    /// <summary>
    /// Only once the server listens: the secret is stored hashed and shown only in this print, so a key made
    /// by a start that then failed (its port taken, say) would be lost, and its database would get no other.
    /// </summary>
    public async Task CreateFirstKeyIfNoneAsync(string apiBaseUrl, CancellationToken cancellationToken)
    {
        if (Configured().Count > 0 || await keys.AnyAsync(cancellationToken))
        {
            return;
        }
        var key = NewApiKey.Generate(ownerId: null);
        await keys.UpsertAsync(key.ToRecord(time.GetUtcNow()), cancellationToken);
        key.Print(Console.Out, "No API key was configured, so one was created.", apiBaseUrl);
        logger.LogInformation("Created API key {ApiKey} for owner {OwnerId}.", key.ApiKey, key.OwnerId);
    }

    // AuthOptionsValidator has already refused a key without its secret.
    private List<ConfiguredApiKey> Configured() => [.. options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k.ApiKey))];
}
