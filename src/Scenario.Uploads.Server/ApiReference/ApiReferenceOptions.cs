namespace Scenario.Uploads.Server.ApiReference;

/// <summary>The <c>Api:Reference</c> section: the OpenAPI document (<c>/openapi/v1.json</c>) and its page (<c>/docs</c>).</summary>
public sealed class ApiReferenceOptions
{
    public const string Section = "Api:Reference";

    /// <summary>Off: both answer 404, as an unknown path does.</summary>
    public bool Enabled { get; set; } = true;
}
