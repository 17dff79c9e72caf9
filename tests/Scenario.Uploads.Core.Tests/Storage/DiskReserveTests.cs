using Scenario.Uploads.Storage;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Storage;

/// <summary>
/// The reserve's rules, on a real folder with the disk's free space told by the test (the file's own effect on
/// it included): uploads never take the reserve, the ballast goes when the disk is full and comes back with space.
/// </summary>
public sealed class DiskReserveTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reserve-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Free bytes of the pretend disk before the ballast file; the file's own bytes are taken off it.</summary>
    private long _free = 100 * MiB;

    private DiskReserve NewReserve(long size) => new(_folder, size, () => _free - BallastBytes());

    private long BallastBytes()
    {
        var file = new FileInfo(Path.Combine(_folder, DiskReserve.BallastFileName));
        return file.Exists ? file.Length : 0;
    }

    [Fact]
    public void The_ballast_is_half_the_reserve_and_uploads_never_take_the_reserve()
    {
        var reserve = NewReserve(16 * MiB);

        Assert.Equal(ReserveChange.Held, reserve.Maintain());

        Assert.Equal(8 * MiB, BallastBytes());
        Assert.Equal(84 * MiB, reserve.AvailableForUploads(reserve.FreeSpace()));
        using var first = reserve.TryClaim(80 * MiB);
        Assert.NotNull(first);
        Assert.Null(reserve.TryClaim(5 * MiB));
        using var second = reserve.TryClaim(4 * MiB);
        Assert.NotNull(second);
    }

    [Fact]
    public void A_claim_given_back_frees_its_room_for_the_next_write()
    {
        var reserve = NewReserve(16 * MiB);
        reserve.Maintain();
        var claim = reserve.TryClaim(84 * MiB);
        Assert.Null(reserve.TryClaim(1));

        claim!.Dispose();
        claim.Dispose();

        Assert.NotNull(reserve.TryClaim(84 * MiB));
    }

    [Fact]
    public void Bytes_that_landed_count_in_the_free_space_and_no_more_in_their_claim()
    {
        var reserve = NewReserve(16 * MiB);
        reserve.Maintain();
        var claim = reserve.TryClaim(40 * MiB)!;

        _free -= 30 * MiB;
        claim.Landed(30 * MiB);

        Assert.Equal(44 * MiB, reserve.AvailableForUploads(reserve.FreeSpace()));
        claim.Dispose();
        Assert.Equal(54 * MiB, reserve.AvailableForUploads(reserve.FreeSpace()));
    }

    [Fact]
    public void The_ballast_is_given_up_when_the_disk_fills_and_made_again_once_the_whole_reserve_is_free()
    {
        var reserve = NewReserve(16 * MiB);
        reserve.Maintain();
        _free = 8 * MiB + (3 * MiB); // another program left 3 MiB outside the file: under a quarter of the reserve

        Assert.Equal(ReserveChange.Released, reserve.Maintain());
        Assert.Equal(0, BallastBytes());
        Assert.Null(reserve.TryClaim(1));

        _free = 15 * MiB;
        Assert.Equal(ReserveChange.None, reserve.Maintain());
        _free = 16 * MiB;
        Assert.Equal(ReserveChange.Held, reserve.Maintain());
        Assert.Equal(8 * MiB, BallastBytes());
    }

    [Fact]
    public void Release_frees_the_ballast_once_and_says_so()
    {
        var reserve = NewReserve(16 * MiB);
        reserve.Maintain();

        Assert.True(reserve.Release());
        Assert.False(reserve.Release());
        Assert.Equal(0, reserve.Held);
    }

    [Fact]
    public void A_ballast_file_deleted_by_someone_else_no_longer_counts_and_is_made_again()
    {
        var reserve = NewReserve(16 * MiB);
        reserve.Maintain();

        File.Delete(reserve.BallastPath);

        Assert.Equal(ReserveChange.Missing, reserve.Maintain());
        Assert.Equal(0, reserve.Held);
        Assert.Equal(ReserveChange.Held, reserve.Maintain());
        Assert.Equal(8 * MiB, BallastBytes());
    }

    [Fact]
    public void A_ballast_left_by_an_earlier_run_is_held_and_one_of_another_size_is_deleted()
    {
        NewReserve(16 * MiB).Maintain();

        Assert.Equal(8 * MiB, NewReserve(16 * MiB).Held);
        Assert.Equal(0, NewReserve(32 * MiB).Held);
        Assert.Equal(0, BallastBytes());
    }

    [Fact]
    public void No_reserve_keeps_no_file_and_lets_uploads_fill_the_disk()
    {
        var reserve = NewReserve(0);

        Assert.Equal(ReserveChange.None, reserve.Maintain());
        Assert.Equal(0, BallastBytes());
        Assert.NotNull(reserve.TryClaim(100 * MiB));
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
