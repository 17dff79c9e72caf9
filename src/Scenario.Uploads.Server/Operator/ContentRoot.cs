namespace Scenario.Uploads.Server.Operator;

/// <summary>Where appsettings.json is read from: beside the binary, unless the operator says otherwise.</summary>
internal static class ContentRoot
{
    // ASP.NET Core's default is the current directory, which holds no appsettings.json when the service is
    // started from anywhere but its own folder (a published binary run by its path, or `dotnet run` from the
    // repository root): its log levels and defaults were then silently skipped.
    public static string[] Default(string[] args)
    {
        var given = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is not null;
        return given ? args : [$"--contentRoot={AppContext.BaseDirectory}", .. args];
    }
}
