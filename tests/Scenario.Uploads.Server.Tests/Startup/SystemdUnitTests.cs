using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Tests.Startup;

/// <summary>
/// deploy/scenario-uploads.service against the service it runs: systemd must wait longer than the service's
/// own shutdown grace before it kills the process, or a deploy cuts acknowledged parts off mid-write.
/// </summary>
public sealed class SystemdUnitTests
{
    [Fact]
    public void Stop_timeout_outlasts_the_shutdown_timeout()
    {
        var unit = Unit();
        var stop = TimeSpan.FromSeconds(int.Parse(unit["TimeoutStopSec"], System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(stop > new UploadsOptions().ShutdownTimeout + TimeSpan.FromSeconds(5),
            $"TimeoutStopSec={stop.TotalSeconds} must exceed Uploads:ShutdownTimeout ({new UploadsOptions().ShutdownTimeout.TotalSeconds} s) by more than 5 s");
        Assert.Equal("SIGTERM", unit["KillSignal"]);
    }

    [Fact]
    public void Unit_starts_the_published_service_and_waits_for_its_ready_signal()
    {
        var unit = Unit();

        // Type=notify needs the service's AddSystemd(); its ExecStart is the published apphost's name.
        Assert.Equal("notify", unit["Type"]);
        Assert.EndsWith("/" + typeof(ServerApp).Assembly.GetName().Name, unit["ExecStart"], StringComparison.Ordinal);
        // A configuration error exits 2 (ExitCodes): restarting it in a loop would only fill the journal.
        Assert.Equal(Operator.ExitCodes.Configuration.ToString(System.Globalization.CultureInfo.InvariantCulture), unit["RestartPreventExitStatus"]);
    }

    private static Dictionary<string, string> Unit()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scenario.Uploads.slnx")))
        {
            directory = directory.Parent;
        }
        var lines = File.ReadAllLines(Path.Combine(directory!.FullName, "deploy", "scenario-uploads.service"));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#')))
        {
            var at = line.IndexOf('=', StringComparison.Ordinal);
            settings[line[..at]] = line[(at + 1)..];
        }
        return settings;
    }
}
