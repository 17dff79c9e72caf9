using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Auth;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Operator;

/// <summary>
/// <c>keys list|create|revoke</c>: the operator's hands on the API keys, with the service's own configuration
/// (appsettings.json, environment, command line), so it finds the database the service uses.
/// </summary>
public static class KeysCommand
{
    public const string Usage =
        """
        Usage: Scenario.Uploads.Server keys list
               Scenario.Uploads.Server keys create [--owner OWNER_ID]
               Scenario.Uploads.Server keys revoke KEY
          (from the repository: dotnet run --project src/Scenario.Uploads.Server -- keys ...)
        The service's configuration applies: appsettings.json, environment variables and --Section:Key=value
        arguments after the command, e.g. keys list --Uploads:DataDirectory=/srv/uploads.
        """;

    private const string FromConfiguration = "configuration (Auth:ApiKeys)";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = KeysArguments.Parse(args, out var problem);
        if (parsed is null)
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return ExitCodes.Configuration;
        }
        if (parsed.Verb == KeysArguments.Help)
        {
            output.WriteLine(Usage);
            return ExitCodes.Success;
        }
        var configurationArgs = ContentRoot.Default(parsed.Configuration);
        // The service's own builder, so every source and default of its configuration applies here too.
        if (ConfigurationCheck.BuildChecked(configurationArgs, out var problems) is not { } app)
        {
            foreach (var line in problems)
            {
                error.WriteLine(line);
            }
            return ExitCodes.Configuration;
        }
        await using (app)
        {
            return await RunAsync(parsed, app.Services, output, error);
        }
    }

    private static async Task<int> RunAsync(KeysArguments parsed, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var uploads = services.GetRequiredService<IOptions<UploadsOptions>>().Value;
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var configured = services.GetRequiredService<IOptions<AuthOptions>>().Value.ApiKeys
            .Where(k => !string.IsNullOrWhiteSpace(k.ApiKey)).ToList();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await using var store = await KeyStore.OpenAsync(database, uploads, create: parsed.Verb == KeysArguments.Create, error, cancellation.Token);
            if (store is null)
            {
                return ExitCodes.Failure;
            }
            return parsed.Verb switch
            {
                KeysArguments.Create => await CreateAsync(store, parsed.Owner, ApiBaseUrl.For(uploads, services.GetRequiredService<IConfiguration>()), output, cancellation.Token),
                KeysArguments.Revoke => await RevokeAsync(store, parsed.Key!, configured, output, error, cancellation.Token),
                _ => await ListAsync(store, configured, output, cancellation.Token),
            };
        }
        catch (Exception e) when (e is DbException or IOException or TimeoutException or OperationCanceledException)
        {
            error.WriteLine($"Could not use the database ({ConfiguredDatabase.Describe(database, uploads)}): {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> ListAsync(KeyStore store, List<ConfiguredApiKey> configured, TextWriter output, CancellationToken cancellationToken)
    {
        var stored = await store.Keys.ListAsync(cancellationToken);
        var fromConfiguration = configured.Select(k => k.ApiKey).ToHashSet(StringComparer.Ordinal);
        // A configured key is in the database once the service has started with it; list it either way.
        var rows = stored
            .Select(k => (k.ApiKey, k.OwnerId, Created: k.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Source: fromConfiguration.Contains(k.ApiKey) ? FromConfiguration : "database"))
            .Concat(configured.Where(k => stored.All(s => s.ApiKey != k.ApiKey))
                .Select(k => (k.ApiKey, OwnerId: k.OwnerId ?? "owner_" + k.ApiKey, Created: "-", Source: FromConfiguration)))
            .ToList();
        if (rows.Count == 0)
        {
            output.WriteLine($"No API keys in {store.Description}. The service creates one on its next start, or run: keys create");
            return ExitCodes.Success;
        }
        output.WriteLine($"API keys in {store.Description}:");
        var keyWidth = Math.Max("KEY".Length, rows.Max(r => r.ApiKey.Length));
        var ownerWidth = Math.Max("OWNER".Length, rows.Max(r => r.OwnerId.Length));
        output.WriteLine($"{"KEY".PadRight(keyWidth)}  {"OWNER".PadRight(ownerWidth)}  {"CREATED (UTC)",-19}  FROM");
        foreach (var row in rows)
        {
            output.WriteLine($"{row.ApiKey.PadRight(keyWidth)}  {row.OwnerId.PadRight(ownerWidth)}  {row.Created,-19}  {row.Source}");
        }
        return ExitCodes.Success;
    }

    private static async Task<int> CreateAsync(KeyStore store, string? owner, string apiBaseUrl, TextWriter output, CancellationToken cancellationToken)
    {
        var key = NewApiKey.Generate(owner);
        await store.Keys.UpsertAsync(key.ToRecord(TimeProvider.System.GetUtcNow()), cancellationToken);
        key.Print(output, $"Created API key {key.ApiKey} for owner {key.OwnerId} in {store.Description}.", apiBaseUrl);
        return ExitCodes.Success;
    }

    private static async Task<int> RevokeAsync(
        KeyStore store, string apiKey, List<ConfiguredApiKey> configured, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (configured.Any(k => k.ApiKey == apiKey))
        {
            error.WriteLine($"API key {apiKey} is given by configuration (Auth:ApiKeys), which the service writes back to the database at every start: "
                + $"remove it there, restart the service, then run keys revoke {apiKey}.");
            return ExitCodes.Failure;
        }
        var existing = await store.Keys.FindAsync(apiKey, cancellationToken);
        if (existing is null || !await store.Keys.DeleteAsync(apiKey, cancellationToken))
        {
            error.WriteLine($"No API key {apiKey} in {store.Description} (keys list shows them).");
            return ExitCodes.Failure;
        }
        output.WriteLine($"Revoked API key {apiKey} of owner {existing.OwnerId} in {store.Description}. A running service may still accept it "
            + $"for up to {CredentialCache.Lifetime.TotalSeconds:0} seconds: it caches verified credentials that long.");
        return ExitCodes.Success;
    }
}
