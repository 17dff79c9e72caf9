using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Operator;

/// <summary>Runs the service; a bad configuration is one line per value on stderr and exit code 2, not a stack trace.</summary>
public static class ServiceCommand
{
    public static int Run(string[] args)
    {
        args = ContentRoot.Default(args);
        WebApplication app;
        try
        {
            app = ServerApp.Build(args);
        }
        catch (Exception e) when (ConfigurationErrors.TryDescribe(e, out var lines))
        {
            return Refuse(AllOrThese(args, lines));
        }
        try
        {
            // Before Run: the host builds its hosted services first, and would meet one bad value at a time.
            ConfigurationCheck.ThrowIfInvalid(app.Services);
        }
        catch (ConfigurationException e)
        {
            ((IDisposable)app).Dispose();
            return Refuse(e.Lines);
        }
        try
        {
            app.Run();
            return ExitCodes.Success;
        }
        catch (Exception e) when (ConfigurationErrors.TryDescribe(e, out var lines))
        {
            return Refuse(lines);
        }
        catch (Exception e)
        {
            // The host has logged it, stack trace included; this is the line a terminal or a journal shows last.
            Console.Error.WriteLine($"Scenario Uploads stopped: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Every bad value when building the host met only the first section's.</summary>
    internal static IReadOnlyList<string> AllOrThese(string[] args, IReadOnlyList<string> lines)
    {
        try
        {
            return ConfigurationCheck.CollectWithoutHost(args) is { Count: > 0 } all ? all : lines;
        }
        catch (Exception e) when (ConfigurationErrors.TryDescribe(e, out _))
        {
            return lines;
        }
    }

    private static int Refuse(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            Console.Error.WriteLine(line);
        }
        return ExitCodes.Configuration;
    }
}
