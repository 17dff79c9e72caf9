using Microsoft.AspNetCore.Http.Json;
using Scenario.Uploads.Server.Hashing;
using Scenario.Uploads.Server.ApiReference;
using Scenario.Uploads.Server.Auth;
using Scenario.Uploads.Server.Cors;
using Scenario.Uploads.Server.DiskSpace;
using Scenario.Uploads.Server.Endpoints;
using Scenario.Uploads.Server.Health;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Imports;
using Scenario.Uploads.Server.Jobs;
using Scenario.Uploads.Server.Lifecycle;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.Proxy;
using Scenario.Uploads.Server.RateLimits;
using Scenario.Uploads.Server.Quotas;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Server.Uploads;
using Scenario.Uploads.Server.Webhooks;
using Scenario.Uploads.Server.Wire;

namespace Scenario.Uploads.Server;

/// <summary>Wires options, the storage and database seams, the API and the background work.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddUploadsService(this IServiceCollection services, IConfiguration configuration)
    {
        // Every section is checked at start (ConfigurationCheck, ValidateOnStart): one line per bad value.
        services.AddValidatedOptions<UploadsOptions, UploadsOptionsValidator>(UploadsOptions.Section)
            .PostConfigure(o => o.DataDirectory = DataDirectory.Absolute(o.DataDirectory));
        services.AddValidatedOptions<JobsOptions, JobsOptionsValidator>(JobsOptions.Section);
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(AuthOptions.Section);
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.Section);
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);
        services.AddValidatedOptions<ImportsOptions, ImportsOptionsValidator>(ImportsOptions.Section);
        services.AddSingleton(TimeProvider.System);

        services.AddDatabase(configuration);
        services.AddSingleton<UrlSigner>();
        services.AddStorage(configuration);
        services.AddSingleton<PartInventory>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<UploadPresenter>();
        services.AddSingleton<DownloadLinks>();
        services.AddSingleton<StorageSpace>();
        services.AddSingleton<PartLocks>();
        services.AddSingleton<PartsInFlight>();
        services.AddSingleton<Parts.PartRequirements>();
        services.AddSingleton<Parts.PartWriter>();
        // On SIGTERM, parts in flight get this long to finish before the process stops (Uploads:ShutdownTimeout).
        services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<UploadsOptions>>(
            (host, uploads) => host.ShutdownTimeout = uploads.Value.ShutdownTimeout);
        services.AddSingleton<IdempotentCreates>();
        services.AddSingleton<UploadCreation>();
        services.AddSingleton<UploadActions>();
        services.AddSingleton<UploadTransitions>();
        services.AddSingleton<UploadBytes>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<HasherRegistry>();
        services.AddSingleton<FileValidation>();
        services.AddSingleton<UploadProcessor>();
        AddImports(services);
        services.AddSingleton<ApiKeyBootstrap>();

        // Order matters: the schema and keys exist before the worker and the server start.
        services.AddHostedService<StartupInitializer>();
        services.AddDiskReserve();
        services.AddQuotas().AddWebhooks();
        services.AddHostedService<UploadJobWorker>();
        services.AddSingleton<ExpirySweeper>();
        services.AddSingleton<Backends.BackendFaults>();
        services.AddHostedService<Backends.BackendWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpirySweeper>());

        services.AddSingleton<CredentialCache>();
        services.AddAuthentication(BasicApiKeyHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BasicApiKeyHandler>(BasicApiKeyHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddCors(cors => cors.AddPolicy(PartEndpoints.CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods("PUT", "GET", "HEAD")
            .AllowAnyHeader()
            .WithExposedHeaders("ETag", "Content-Length", "Content-Range", "Accept-Ranges")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddUploadPage();
        services.AddUploadsHealthChecks();
        services.AddUploadsRateLimits();
        services.AddApiCors();
        services.AddReverseProxySupport();
        services.AddApiReference();
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemDefaults.Apply);
        // The API's answers are written by JsonOkResult with the generated serializers; these options serve the
        // rest (health, problems).
        services.Configure<JsonOptions>(json =>
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        services.AddUploadsTelemetry(configuration);
        return services;
    }

    private static void AddImports(IServiceCollection services)
    {
        services.AddSingleton<ImportHttpClient>();
        services.AddSingleton<ImportDownloader>();
        services.AddSingleton<IImportSource, UrlImportSource>();
        services.AddSingleton<IImportSource, HuggingFaceSource>();
        services.AddSingleton<IImportSource, CivitaiSource>();
        services.AddSingleton<ImportStep>();
    }
}
