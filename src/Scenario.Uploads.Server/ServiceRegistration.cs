using Microsoft.AspNetCore.Http.Json;
using Scenario.Uploads.Server.Auth;
using Scenario.Uploads.Server.Endpoints;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Imports;
using Scenario.Uploads.Server.Jobs;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Services;

namespace Scenario.Uploads.Server;

/// <summary>Wires options, the storage and database seams, the API and the background work.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddUploadsService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadsOptions>().BindConfiguration(UploadsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddOptions<ImportsOptions>().BindConfiguration(ImportsOptions.Section);
        services.AddSingleton(TimeProvider.System);

        services.AddDatabase(configuration);
        services.AddSingleton<UrlSigner>();
        services.AddStorage(configuration);
        services.AddSingleton<HeldParts>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<UploadPresenter>();
        services.AddSingleton<DownloadLinks>();
        services.AddSingleton<StorageSpace>();
        services.AddSingleton<PartLocks>();
        services.AddSingleton<UploadService>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<FileValidation>();
        services.AddSingleton<UploadProcessor>();
        AddImports(services);
        services.AddSingleton<ApiKeyBootstrap>();

        // Order matters: the schema and keys exist before the worker and the server start.
        services.AddHostedService<StartupInitializer>();
        services.AddHostedService<UploadJobWorker>();
        services.AddSingleton<ExpirySweeper>();
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
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemDefaults.Apply);
        // The API's answers are written by JsonOk with the generated serializers; these options serve the
        // rest (health, problems).
        services.Configure<JsonOptions>(json =>
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
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
