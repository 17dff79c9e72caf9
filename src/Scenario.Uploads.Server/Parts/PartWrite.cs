using Scenario.Uploads.Model;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Parts;

/// <summary>What a part write learns as its requirements pass, one after the other.</summary>
internal sealed class PartWrite(PartRequest request)
{
    public PartRequest Request { get; } = request;

    public int Number { get; set; }

    public UploadRecord Upload { get; set; } = null!;

    public IServicePartStore Store { get; set; } = null!;

    /// <summary>The part's length: declared, or the one the fixed part size gives it.</summary>
    public long Length { get; set; }

    /// <summary>The part size this part implies (or the one fixed before it).</summary>
    public long PartSize { get; set; }

    public byte[]? ExpectedMd5 { get; set; }

    /// <summary>The owner's slot among its parts in flight, held until the write ends.</summary>
    public IDisposable? Slot { get; set; }

    public long FileSize => Upload.FileSize!.Value;

    public int PartsCount => Upload.PartsCount!.Value;
}
