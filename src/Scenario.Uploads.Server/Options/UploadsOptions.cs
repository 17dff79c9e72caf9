using System.ComponentModel.DataAnnotations;

namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Uploads</c> section: part of the operators' contract, keep names stable.</summary>
public sealed class UploadsOptions
{
    public const string Section = "Uploads";

    /// <summary>Embedded mode: the SQLite file, the signing key and the blobs live here.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Base of the part and download URLs the service signs; from the request when empty.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    public TimeSpan PartUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The largest file an upload may declare.</summary>
    [Range(0, long.MaxValue)]
    public long MaxFileSize { get; set; } = 1L << 40;

    /// <summary>Base64 HMAC key for signed URLs. Several instances must share one; else a key file in DataDirectory.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How often expired uploads are failed and leftover bytes deleted.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
