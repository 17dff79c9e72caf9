using System.Collections.Concurrent;
using System.Security.Cryptography;
using Scenario.Models;

namespace Scenario.Sdk.Tests.Fakes;

/// <summary>The state of one upload inside <see cref="FakeUploadServer"/>.</summary>
public sealed class FakeUpload(string id, string fileName, UploadKind kind, long fileSize, int parts, bool s3StyleUrls)
{
    public ConcurrentDictionary<int, byte[]> Received { get; } = new();

    public UploadStatus Status { get; set; } = UploadStatus.Pending;

    public int Generation { get; set; }

    private long PartSize => fileSize == 0 ? 0 : (fileSize + parts - 1) / parts;

    public long SizeOf(int number) => number < parts ? PartSize : fileSize - ((parts - 1) * PartSize);

    public List<int> Missing() => Enumerable.Range(1, parts).Where(n => !Received.ContainsKey(n)).ToList();

    public byte[] Assemble() => Enumerable.Range(1, parts).SelectMany(n => Received[n]).ToArray();

    public Upload ToUpload(TimeSpan urlLifetime)
    {
        var now = DateTimeOffset.UtcNow;
        var imported = Status == UploadStatus.Imported;
        return new Upload
        {
            Id = id,
            AuthorId = "usr",
            OwnerId = "own",
            CreatedAt = now,
            UpdatedAt = now,
            FileName = fileName,
            Kind = kind,
            Source = UploadSource.Multipart,
            Status = Status,
            FileSize = fileSize,
            PartsCount = parts,
            EntityId = imported ? "ast_" + id : null,
            Sha256 = imported ? Convert.ToHexStringLower(SHA256.HashData(Assemble())) : null,
            ErrorMessage = Status == UploadStatus.Failed ? "aborted" : null,
            Parts = Status != UploadStatus.Pending ? null : Enumerable.Range(1, parts).Select(n => new UploadPart
            {
                Number = n,
                // An S3 presigned URL carries X-Amz-Signature; the SDK expects an MD5 ETag from those.
                Url = $"http://127.0.0.1:5080/parts/{id}/{n}?exp={Generation}" + (s3StyleUrls ? "&X-Amz-Signature=fake" : ""),
                Expires = now + urlLifetime,
                Uploaded = Received.ContainsKey(n),
                Size = Received.TryGetValue(n, out var b) ? b.Length : null,
            }).ToList(),
        };
    }
}
