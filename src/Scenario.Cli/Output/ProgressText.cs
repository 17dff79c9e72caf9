using Scenario.Transfers;

namespace Scenario.Cli.Output;

/// <summary>Words for a progress report, shared by the live and plain outputs.</summary>
public static class ProgressText
{
    /// <summary>The phase in a few words.</summary>
    public static string Phase(UploadPhase phase) => phase switch
    {
        UploadPhase.Creating => "creating",
        UploadPhase.Uploading => "uploading",
        UploadPhase.Completing => "completing",
        UploadPhase.Processing => "validating and importing",
        UploadPhase.Imported => "imported",
        UploadPhase.Failed => "failed",
        _ => phase.ToString(),
    };

    /// <summary>One line: phase, percentage, bytes and parts.</summary>
    public static string Describe(UploadProgress p) =>
        $"{Phase(p.Phase)} {p.Fraction:P0} ({Sizes.Format(p.BytesSent)} of {Sizes.Format(p.TotalBytes)}, {Parts(p)})";

    /// <summary>Parts done of the plan, and how many of them a resume found already held.</summary>
    public static string Parts(UploadProgress p) =>
        p.PartsHeld > 0 ? $"{p.PartsDone}/{p.PartsTotal} parts, {p.PartsHeld} already held" : $"{p.PartsDone}/{p.PartsTotal} parts";
}
