using System.Buffers;
using System.IO.Pipelines;
using Scenario.Uploads.Model;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>
/// What every store promises to the resumable protocols (<see cref="IAppendStore"/>): appends of any size, from
/// any offset the caller recorded, become the object; a body that breaks keeps what arrived; bytes past the recorded
/// offset are overwritten by the next append; finished pieces concatenate.
/// </summary>
public abstract partial class BlobStoreContract
{
    private const int MiB = 1024 * 1024;

    /// <summary>S3's parts must be 5 MiB but the last: 8 MiB parts, fed in chunks that straddle them.</summary>
    private const long AppendPartSize = 8 * MiB;

    [Fact]
    public async Task Appends_of_any_size_from_the_recorded_offset_become_the_object()
    {
        var (store, target) = await BeginAppendsAsync();
        var bytes = Random(19 * MiB + 12345, 3);
        long offset = 0;
        foreach (var chunk in new[] { 3 * MiB, 1, 7 * MiB - 1, 6 * MiB, 3 * MiB + 12345 })
        {
            var hashed = new List<byte>();
            var outcome = await ((IAppendStore)store).AppendAsync(target, offset, bytes.Length - offset, Body(bytes.AsMemory((int)offset, chunk)),
                b => hashed.AddRange(b.ToArray()), None);
            Assert.Null(outcome.BodyError);
            Assert.Equal(chunk, outcome.Kept);
            Assert.Equal(bytes.AsSpan((int)offset, chunk).ToArray(), hashed.ToArray());
            await ((IAppendStore)store).AdvancedAsync(target, offset, offset + chunk, None);
            offset += chunk;
        }

        await ((IAppendStore)store).FinishAsync(target, bytes.Length, None);

        await using var content = await store.OpenReadAsync(target.Key, None);
        Assert.Equal(bytes, await ReadAllAsync(content));
    }

    [Fact]
    public async Task A_body_that_breaks_keeps_what_arrived_and_an_unrecorded_append_is_overwritten()
    {
        var (store, target) = await BeginAppendsAsync();
        var appends = (IAppendStore)store;
        var bytes = Random(10 * MiB, 4);
        var first = await appends.AppendAsync(target, 0, bytes.Length, Broken(bytes.AsMemory(0, 9 * MiB)), null, None);
        Assert.NotNull(first.BodyError);
        // Every byte that arrived before the break, not only whole parts or batches.
        Assert.Equal(9 * MiB, first.Kept);
        // Bytes the caller never recorded: another client's, written past the offset, then overwritten.
        var stray = await appends.AppendAsync(target, first.Kept, bytes.Length - first.Kept, Body(Random(1 * MiB, 5)), null, None);
        Assert.Equal(1 * MiB, stray.Kept);

        var rest = await appends.AppendAsync(target, first.Kept, bytes.Length - first.Kept, Body(bytes.AsMemory((int)first.Kept)), null, None);
        Assert.Equal(bytes.Length - first.Kept, rest.Kept);
        await appends.FinishAsync(target, bytes.Length, None);

        await using var content = await store.OpenReadAsync(target.Key, None);
        Assert.Equal(bytes, await ReadAllAsync(content));
    }

    [Theory]
    [InlineData(new[] { 6 * MiB, 9 * MiB + 7, 3 })]
    [InlineData(new[] { 2 * MiB, 6 * MiB })]
    public async Task Finished_pieces_concatenate_into_one_object(int[] sizes)
    {
        var store = await OpenStoreAsync();
        var appends = (IAppendStore)store;
        var pieces = new List<StoredPiece>();
        var whole = new List<byte>();
        foreach (var (size, i) in sizes.Select((s, i) => (s, i)))
        {
            var (_, target) = await BeginAppendsAsync(store);
            var bytes = Random(size, 10 + i);
            await appends.AppendAsync(target, 0, size, Body(bytes), null, None);
            await appends.FinishAsync(target, size, None);
            pieces.Add(new StoredPiece(target.Key, size));
            whole.AddRange(bytes);
        }
        var (_, final) = await BeginAppendsAsync(store);

        var seen = new List<byte>();
        var throughService = await appends.ConcatenateAsync(final, pieces, b => seen.AddRange(b.ToArray()), None);

        await using var content = await store.OpenReadAsync(final.Key, None);
        Assert.Equal(whole.ToArray(), await ReadAllAsync(content));
        // Bytes that passed through the service were all seen, in order; none were when the store copied them.
        Assert.Equal(throughService ? whole : [], seen);
    }

    private async Task<(IBlobStore Store, AppendTarget Target)> BeginAppendsAsync(IBlobStore? store = null)
    {
        store ??= await OpenStoreAsync();
        var key = $"uploads/{Ids.New("upload")}";
        return (store, new AppendTarget(key, await store.BeginUploadAsync(key, null, None), AppendPartSize));
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static PipeReader Body(ReadOnlyMemory<byte> bytes) => PipeReader.Create(new ReadOnlySequence<byte>(bytes));

    /// <summary>A body whose connection breaks after <paramref name="bytes"/>, as a client that went away.</summary>
    private static PipeReader Broken(ReadOnlyMemory<byte> bytes)
    {
        var pipe = new Pipe();
        _ = Task.Run(async () =>
        {
            await pipe.Writer.WriteAsync(bytes);
            await pipe.Writer.CompleteAsync(new IOException("The client went away."));
        });
        return pipe.Reader;
    }
}
