using System.IO.Pipelines;
using Scenario.Uploads.Storage;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Storage;

/// <summary>
/// The local store's writes of user bytes stop where they would reach into the reserve, before the byte that
/// would: a part is refused whole and leaves no file, an import stops and leaves no half object.
/// </summary>
public sealed class ReservedWritesTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reserved-writes-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A pretend disk with 20 MiB free beyond what the store wrote, a 16 MiB reserve: 4 MiB for uploads.</summary>
    private LocalDiskBlobStore NewStore() =>
        new(_folder, new DiskReserve(_folder, 16 * MiB, () => 20L * MiB - Written()));

    private long Written() => Directory.Exists(_folder)
        ? Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
        : 0;

    [Fact]
    public async Task A_part_that_would_reach_into_the_reserve_is_refused_before_its_first_byte()
    {
        var store = NewStore();

        var refused = await Assert.ThrowsAsync<ReserveReachedException>(() =>
            store.WritePartAsync("uploads/u1", 0, 5 * MiB, PipeReader.Create(new MemoryStream(new byte[5 * MiB])), false, null, CancellationToken.None));

        Assert.True(DiskFull.Is(refused));
        Assert.False(File.Exists(store.PathOf("uploads/u1")));
        var written = await store.WritePartAsync("uploads/u1", 0, 4 * MiB, PipeReader.Create(new MemoryStream(new byte[4 * MiB])), false, null, CancellationToken.None);
        Assert.Equal(PartWriteStatus.Written, written.Status);
    }

    [Fact]
    public async Task An_import_that_would_reach_into_the_reserve_stops_and_leaves_no_half_object()
    {
        var store = NewStore();

        await Assert.ThrowsAsync<ReserveReachedException>(() => store.WriteObjectAsync("uploads/u2", new MemoryStream(new byte[6 * MiB]), CancellationToken.None));

        Assert.Equal(0, Written());
        Assert.Equal(3 * MiB, await store.WriteObjectAsync("uploads/u2", new MemoryStream(new byte[3 * MiB]), CancellationToken.None));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
