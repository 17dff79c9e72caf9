using System.Reflection;
using System.Runtime.InteropServices;

namespace Scenario.Core;

/// <summary>The SDK's version as the build stamped it, and the <c>User-Agent</c> every request carries.</summary>
internal static class SdkVersion
{
    /// <summary>The informational version without its <c>+commit</c> build metadata, such as <c>0.1.0-dev</c>.</summary>
    public static readonly string Value = Read();

    /// <summary><c>scenario-sdk-dotnet/VERSION (.NET RUNTIME)</c>: lets a service tell SDK versions and runtimes apart in its logs.</summary>
    public static readonly string UserAgent = $"scenario-sdk-dotnet/{Value} ({RuntimeInformation.FrameworkDescription})";

    /// <summary>Puts the SDK's User-Agent on a request, API call or part PUT alike; it wins over an HttpClient's default one.</summary>
    public static void Stamp(HttpRequestMessage request) => request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

    private static string Read()
    {
        var informational = typeof(SdkVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational ?? typeof(SdkVersion).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
