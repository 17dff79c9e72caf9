namespace Scenario.Cli;

/// <summary>The process exit codes, documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Done (for <c>upload</c>: imported, or completed with <c>--no-wait</c>).</summary>
    public const int Success = 0;

    /// <summary>The service refused the request or the file.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: a missing or unreadable file, an unknown kind, an invalid part size, missing credentials.</summary>
    public const int BadInput = 2;

    /// <summary>The service could not be reached or did not answer in time.</summary>
    public const int Unavailable = 3;

    /// <summary>Interrupted (Ctrl-C); an upload in progress stays resumable.</summary>
    public const int Interrupted = 130;
}
