using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Operator;

/// <summary>The <c>SCENARIO_BASE_URL</c> printed with a new key: where clients reach the API.</summary>
internal static class ApiBaseUrl
{
    /// <param name="listening">The first address the server listens on, once bound; else the configured <c>urls</c>.</param>
    public static string For(UploadsOptions options, IConfiguration configuration, string? listening = null)
    {
        var baseUrl = !string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? options.PublicBaseUrl
            : listening ?? configuration["urls"]?.Split(';')[0] ?? ServerApp.DefaultUrl;
        return baseUrl.TrimEnd('/') + "/v1";
    }
}
