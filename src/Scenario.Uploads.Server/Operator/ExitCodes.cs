namespace Scenario.Uploads.Server.Operator;

/// <summary>What the process exits with, for scripts and service managers.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The service or a command ran and failed (a port taken, an unknown key, the database unreachable).</summary>
    public const int Failure = 1;

    /// <summary>The configuration or the command line is wrong: fix it, a retry will not help.</summary>
    public const int Configuration = 2;
}
