namespace Scenario.Uploads.Server.Tests.Startup;

internal static class StartupAssert
{
    /// <summary>A refused start: exit code 2, one stderr line per bad value, no stack trace anywhere.</summary>
    public static void RefusedWith(ServerCommand run, params (string Key, string Value)[] bad)
    {
        var report = $"exit {run.ExitCode}\nstdout:\n{run.Output}\nstderr:\n{run.Error}";
        Assert.True(run.ExitCode == 2, report);
        Assert.True(run.ErrorLines.Length == bad.Length, report);
        foreach (var (key, value) in bad)
        {
            // A secret is never echoed, not even a wrong one.
            var line = key.EndsWith("SigningKey", StringComparison.Ordinal) ? $"Invalid configuration: {key} is not a signing key" : $"Invalid configuration: {key} is '{value}'; expected ";
            Assert.True(run.ErrorLines.Count(l => l.StartsWith(line, StringComparison.Ordinal)) == 1, report);
            if (key.EndsWith("SigningKey", StringComparison.Ordinal))
            {
                Assert.DoesNotContain($"'{value}'", run.Error);
            }
        }
        NoStackTrace(run);
    }

    public static void NoStackTrace(ServerCommand run) =>
        Assert.False(run.Output.Contains("   at ", StringComparison.Ordinal) || run.Error.Contains("   at ", StringComparison.Ordinal),
            $"A stack trace:\nstdout:\n{run.Output}\nstderr:\n{run.Error}");
}
