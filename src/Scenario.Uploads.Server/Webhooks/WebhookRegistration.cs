using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Webhooks;

/// <summary>The <c>Webhooks</c> section, the key list written on start and the delivery the job worker runs.</summary>
public static class WebhookRegistration
{
    /// <summary>Call after the start-up initializer is registered: hosted services start in order.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddValidatedOptions<WebhooksOptions, WebhooksOptionsValidator>(WebhooksOptions.Section);
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDelivery>();
        services.AddHostedService<WebhookKeysWriter>();
        return services;
    }
}
