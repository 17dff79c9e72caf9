using System.IO.Pipelines;
using System.Net;
using Scenario.Testing;
using Scenario.Uploads.Model;
using Scenario.Uploads.Storage;
using Scenario.Uploads.Storage.S3;

namespace Scenario.Uploads.Contracts.Tests;

public sealed class LocalDiskBlobStoreTests : BlobStoreContract
{
    protected override Task<IBlobStore> OpenStoreAsync() => Task.FromResult<IBlobStore>(new LocalDiskBlobStore(TempDirectory.Create()));

    protected override async Task PutPartAsync(IBlobStore store, UploadRecord upload, int number, ReadOnlyMemory<byte> bytes)
    {
        var plan = upload.Plan!;
        var written = await ((IServicePartStore)store).WritePartAsync(
            upload.StorageKey, plan.OffsetOf(number), plan.SizeOf(number), PipeReader.Create(new MemoryStream(bytes.ToArray())),
            withMd5: number % 2 == 1, written: null, CancellationToken.None);
        Assert.Equal(PartWriteStatus.Written, written.Status);
        Assert.Equal(System.IO.Hashing.XxHash128.Hash(bytes.Span), written.Xxh128);
        // MD5 only when asked for: odd parts ask.
        Assert.Equal(number % 2 == 1 ? System.Security.Cryptography.MD5.HashData(bytes.Span) : null, written.Md5);
    }
}

/// <summary>The S3 store against the real radosgw scripts/test starts; a fresh bucket per test.</summary>
public sealed class S3BlobStoreTests : BlobStoreContract, IDisposable
{
    private static readonly HttpClient Http = new();
    private readonly List<IDisposable> _clients = [];

    protected override async Task<IBlobStore> OpenStoreAsync()
    {
        if (TestBackend.MissingServers() is { } why)
        {
            Assert.Skip(why);
        }
        var options = new S3StoreOptions
        {
            ServiceUrl = TestBackend.S3Endpoint, Bucket = TestBackend.NewBucketName(), AccessKey = TestBackend.S3AccessKey,
            SecretKey = TestBackend.S3SecretKey, ForcePathStyle = true, ReadChunkSize = 1024 * 1024,
        };
        var client = S3ClientFactory.Create(options);
        _clients.Add(client);
        var store = new S3BlobStore(client, options);
        await store.EnsureBucketAsync(CancellationToken.None);
        Signer = new S3UrlSigner(client, options);
        return store;
    }

    private S3UrlSigner? Signer { get; set; }

    /// <summary>As a client does: a plain PUT to the presigned UploadPart URL, no credentials.</summary>
    protected override async Task PutPartAsync(IBlobStore store, UploadRecord upload, int number, ReadOnlyMemory<byte> bytes)
    {
        var url = Signer!.SignPartUrl(upload, number, DateTimeOffset.UtcNow.AddMinutes(5), "http://unused/");
        using var response = await Http.PutAsync(url, new ReadOnlyMemoryContent(bytes));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_store_lists_the_parts_clients_sent_with_their_md5_etags()
    {
        var (store, upload, bytes) = await UploadedAsync(parts: 3);

        var parts = await ((IStorePartLister)store).ListPartsAsync(upload.StorageKey, upload.StorageUploadId!, CancellationToken.None);

        Assert.Equal([1, 2, 3], parts.Select(p => p.Number));
        Assert.Equal(Enumerable.Range(1, 3).Select(upload.Plan!.SizeOf), parts.Select(p => p.Size));
        var first = bytes.AsSpan(0, (int)upload.Plan!.PartSize);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(first)), parts[0].ETag);
        var fit = PartPlan.Fit(upload.FileSize!.Value, upload.PartsCount!.Value, parts);
        Assert.Empty(fit.Unfit);
        Assert.Equal(upload.PartSize, fit.Plan!.PartSize);
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
