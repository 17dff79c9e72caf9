namespace Scenario.Uploads.Server.Cors;

/// <summary>The <c>Cors</c> section: the web apps on other origins that may call the API from a browser.</summary>
public sealed class ApiCorsOptions
{
    public const string Section = "Cors";

    /// <summary>Origins such as <c>https://app.example.com</c>; none by default (part and file URLs are open to any).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long a browser may reuse a preflight's answer.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
