using System.Text.Json;

namespace Scenario.Models;

/// <summary>A background job, such as the one that validates and imports an upload.</summary>
public sealed record Job
{
    /// <summary>The job id.</summary>
    public required string JobId { get; init; }

    /// <summary>The job type, <c>upload</c> for upload processing.</summary>
    public required string JobType { get; init; }

    /// <summary>The job state.</summary>
    public required JobStatus Status { get; init; }

    /// <summary>Progress from 0 to 1.</summary>
    public double? Progress { get; init; }

    /// <summary>Job-specific details.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>When the job was created (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the job last changed (UTC).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
