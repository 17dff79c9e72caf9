namespace Scenario.Uploads.Server.Tests.OpenApi;

/// <summary>One answer of the service as a client saw it: what the drift test checks against the document.</summary>
public sealed record RecordedResponse(string Method, string Path, int Status, string? MediaType, string Body)
{
    public bool IsJson => MediaType is "application/json" or "application/problem+json";

    public override string ToString() => $"{Method} {Path} → {Status} {MediaType}";
}
