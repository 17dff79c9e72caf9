using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Quotas;

/// <summary>The <c>Quotas</c> section and the policy the upload endpoints ask.</summary>
public static class QuotaRegistration
{
    public static IServiceCollection AddQuotas(this IServiceCollection services)
    {
        services.AddValidatedOptions<QuotasOptions, QuotasOptionsValidator>(QuotasOptions.Section);
        services.AddSingleton<QuotaPolicy>();
        return services;
    }
}
