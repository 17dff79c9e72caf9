using Scenario.Uploads.Server.Imports;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server;

/// <summary>The <c>Imports</c> section and the sources an upload's bytes may be fetched from (a URL, Hugging Face, Civitai).</summary>
public static class ImportsRegistration
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddValidatedOptions<ImportsOptions, ImportsOptionsValidator>(ImportsOptions.Section);
        services.AddSingleton<ImportHttpClient>();
        services.AddSingleton<ImportDownloader>();
        services.AddSingleton<IImportSource, UrlImportSource>();
        services.AddSingleton<IImportSource, HuggingFaceSource>();
        services.AddSingleton<IImportSource, CivitaiSource>();
        services.AddSingleton<ImportStep>();
        return services;
    }
}
