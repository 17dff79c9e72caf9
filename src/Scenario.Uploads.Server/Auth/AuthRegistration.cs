using Microsoft.AspNetCore.Authentication;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Auth;

/// <summary>The <c>Auth</c> section and HTTP Basic with API keys: the configured keys written at start, the first one made if none.</summary>
public static class AuthRegistration
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(AuthOptions.Section);
        services.AddSingleton<ApiKeyBootstrap>();
        services.AddSingleton<CredentialCache>();
        services.AddAuthentication(BasicApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BasicApiKeyHandler>(BasicApiKeyHandler.SchemeName, null);
        services.AddAuthorization();
        return services;
    }
}
