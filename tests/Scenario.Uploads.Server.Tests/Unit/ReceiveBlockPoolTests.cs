using Scenario.Uploads.Server.Http;

namespace Scenario.Uploads.Server.Tests.Unit;

public sealed class ReceiveBlockPoolTests
{
    [Fact]
    public void Every_rental_is_a_whole_block_whatever_was_asked()
    {
        using var pool = new ReceiveBlockPool();

        using var small = pool.Rent(1);
        using var unspecified = pool.Rent();

        Assert.Equal(ReceiveBlockPool.BlockSize, small.Memory.Length);
        Assert.Equal(ReceiveBlockPool.BlockSize, unspecified.Memory.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(ReceiveBlockPool.BlockSize + 1));
    }

    [Fact]
    public void A_returned_block_is_reused_and_a_second_return_does_not_hand_it_out_twice()
    {
        using var pool = new ReceiveBlockPool();
        var first = pool.Rent();
        first.Memory.Span[0] = 42;
        var memory = first.Memory;

        first.Dispose();
        first.Dispose();
        using var again = pool.Rent();
        using var other = pool.Rent();

        Assert.True(again.Memory.Span.Overlaps(memory.Span), "the returned block was not reused");
        Assert.False(other.Memory.Span.Overlaps(memory.Span), "a block returned twice was handed out twice");
        Assert.Throws<ObjectDisposedException>(() => first.Memory);
    }

    [Fact]
    public void At_most_the_retention_limit_is_kept_after_a_burst()
    {
        using var pool = new ReceiveBlockPool();
        var burst = Enumerable.Range(0, ReceiveBlockPool.MaxRetainedBlocks + 10).Select(_ => pool.Rent()).ToList();
        var blocks = burst.Select(b => b.Memory).ToList();
        burst.ForEach(b => b.Dispose());

        var reused = Enumerable.Range(0, ReceiveBlockPool.MaxRetainedBlocks + 10).Select(_ => pool.Rent()).ToList();

        var kept = reused.Count(r => blocks.Any(b => r.Memory.Span.Overlaps(b.Span)));
        Assert.Equal(ReceiveBlockPool.MaxRetainedBlocks, kept);
        reused.ForEach(r => r.Dispose());
    }
}
