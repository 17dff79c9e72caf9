using Scenario.Uploads.Model;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>What every <c>IBlobStore</c> promises: begin, parts, complete (idempotent), ranged reads, delete, readiness.</summary>
public abstract partial class BlobStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract Task<IBlobStore> OpenStoreAsync();

    /// <summary>Sends one part the way clients do with this store.</summary>
    protected abstract Task PutPartAsync(IBlobStore store, UploadRecord upload, int number, ReadOnlyMemory<byte> bytes);

    protected async Task<(IBlobStore Store, UploadRecord Upload, byte[] Bytes)> UploadedAsync(int parts = 2)
    {
        var store = await OpenStoreAsync();
        var upload = Records.New(parts: parts).Upload;
        var plan = upload.Plan!;
        upload = upload with { StorageUploadId = await store.BeginUploadAsync(upload.StorageKey, upload.ContentType, None) };
        var bytes = new byte[plan.FileSize];
        new Random(7).NextBytes(bytes);
        foreach (var number in Enumerable.Range(1, plan.PartsCount).Reverse())
        {
            await PutPartAsync(store, upload, number, bytes.AsMemory((int)plan.OffsetOf(number), (int)plan.SizeOf(number)));
        }
        return (store, upload, bytes);
    }

    [Fact]
    public async Task Completed_parts_read_back_as_one_object_at_any_offset()
    {
        var (store, upload, bytes) = await UploadedAsync();

        await store.CompleteUploadAsync(upload.StorageKey, upload.StorageUploadId, upload.Plan!, None);

        await using var content = await store.OpenReadAsync(upload.StorageKey, None);
        Assert.Equal(bytes.LongLength, content.Length);
        foreach (var offset in new long[] { 0, 5, bytes.Length - 100, PartPlan.MinPartSize - 3, 1 })
        {
            var buffer = new byte[64];
            var read = await content.ReadAtAsync(offset, buffer, None);
            Assert.True(read > 0);
            Assert.Equal(bytes.AsSpan((int)offset, read).ToArray(), buffer[..read]);
        }
        Assert.Equal(0, await content.ReadAtAsync(bytes.Length, new byte[8], None));
        Assert.Equal(bytes, await ReadAllAsync(content));
    }

    [Fact]
    public async Task Completing_again_after_a_crash_is_harmless()
    {
        var (store, upload, bytes) = await UploadedAsync();
        await store.CompleteUploadAsync(upload.StorageKey, upload.StorageUploadId, upload.Plan!, None);

        await store.CompleteUploadAsync(upload.StorageKey, upload.StorageUploadId, upload.Plan!, None);

        await using var content = await store.OpenReadAsync(upload.StorageKey, None);
        Assert.Equal(bytes.LongLength, content.Length);
    }

    [Fact]
    public async Task An_empty_upload_completes_as_an_empty_object()
    {
        var store = await OpenStoreAsync();
        var upload = Records.New(parts: 1).Upload with { FileSize = 0, PartSize = 0 };
        upload = upload with { StorageUploadId = await store.BeginUploadAsync(upload.StorageKey, null, None) };
        await PutPartAsync(store, upload, 1, ReadOnlyMemory<byte>.Empty);

        await store.CompleteUploadAsync(upload.StorageKey, upload.StorageUploadId, upload.Plan!, None);

        await using var content = await store.OpenReadAsync(upload.StorageKey, None);
        Assert.Equal(0, content.Length);
    }

    [Fact]
    public async Task Delete_removes_the_object_and_a_missing_one_is_no_error()
    {
        var (store, upload, _) = await UploadedAsync();
        await store.CompleteUploadAsync(upload.StorageKey, upload.StorageUploadId, upload.Plan!, None);

        await store.DeleteAsync(upload.StorageKey, upload.StorageUploadId, None);
        await store.DeleteAsync(upload.StorageKey, upload.StorageUploadId, None);

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(upload.StorageKey, None));
    }

    [Fact]
    public async Task Delete_of_an_unfinished_upload_leaves_nothing()
    {
        var (store, upload, _) = await UploadedAsync();

        await store.DeleteAsync(upload.StorageKey, upload.StorageUploadId, None);

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(upload.StorageKey, None));
        if (store is IStorePartLister lister)
        {
            Assert.Empty(await lister.ListPartsAsync(upload.StorageKey, upload.StorageUploadId!, None));
        }
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(9 * 1024 * 1024 + 5)]
    public async Task A_whole_object_of_unknown_length_is_written_and_replaced(int size)
    {
        var store = await OpenStoreAsync();
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var whole = (IWholeObjectStore)store;

        await whole.WriteObjectAsync("uploads/whole", new MemoryStream([1, 2, 3]), None);
        Assert.Equal(size, await whole.WriteObjectAsync("uploads/whole", new MemoryStream(bytes), None));

        await using var content = await store.OpenReadAsync("uploads/whole", None);
        Assert.Equal(bytes, await ReadAllAsync(content));
    }

    [Fact]
    public async Task The_store_is_reachable()
    {
        var store = await OpenStoreAsync();

        Assert.True(await store.IsReachableAsync(None));
    }

    private static async Task<byte[]> ReadAllAsync(Uploads.Validation.IRandomAccessContent content)
    {
        var all = new byte[content.Length];
        long offset = 0;
        int read;
        while ((read = await content.ReadAtAsync(offset, all.AsMemory((int)offset, (int)Math.Min(300_000, all.Length - offset)), None)) > 0)
        {
            offset += read;
        }
        return all;
    }
}
