using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Hashing;

namespace Scenario.Uploads.Server.Tests.Hashing;

/// <summary>The written-prefix bookkeeping on its own: which bytes the hash may read next, no file involved.</summary>
public sealed class WrittenPrefixTests
{
    // Parts of 10, 10 and 5 bytes.
    private static readonly PartPlan Plan = new(25, 3, 10);

    [Fact]
    public void Nothing_is_readable_until_the_part_the_hash_is_in_has_bytes()
    {
        var prefix = new WrittenPrefix(Plan);
        prefix.Starting(1);

        Assert.Null(prefix.Next(maxBytes: 100));
        prefix.Written(1, 4);
        Assert.Equal(new PrefixRead(1, 0, 0, 0, 4), prefix.Next(maxBytes: 100));
    }

    [Fact]
    public void A_later_part_written_whole_is_not_readable_while_an_earlier_one_is_not()
    {
        var prefix = new WrittenPrefix(Plan);
        prefix.Starting(2);
        prefix.Written(2, 10);
        prefix.Ended(2, whole: true);

        Assert.Null(prefix.Next(maxBytes: 100));
        Assert.Equal(0, prefix.Position);
    }

    [Fact]
    public void Reads_follow_the_writer_and_are_cut_to_the_largest_read()
    {
        var prefix = new WrittenPrefix(Plan);
        prefix.Starting(1);
        prefix.Written(1, 7);

        var first = prefix.Next(maxBytes: 3)!.Value;
        Assert.Equal((1, 0L, 0L, 3), (first.Part, first.InPart, first.Offset, first.Length));
        Assert.Equal(PrefixAdvance.InPart, prefix.Advance(first));
        var second = prefix.Next(maxBytes: 100)!.Value;
        Assert.Equal((1, 3L, 3L, 4), (second.Part, second.InPart, second.Offset, second.Length));
        Assert.Equal(PrefixAdvance.InPart, prefix.Advance(second));
        Assert.Null(prefix.Next(maxBytes: 100));
        Assert.Equal(7, prefix.Position);
    }

    [Fact]
    public void A_part_hashed_whole_moves_the_hash_to_the_start_of_the_next()
    {
        var prefix = new WrittenPrefix(Plan);
        prefix.Starting(1);
        prefix.Written(1, 10);
        prefix.Ended(1, whole: true);
        prefix.Starting(2);
        prefix.Written(2, 6);

        Assert.Equal(PrefixAdvance.PartDone, prefix.Advance(prefix.Next(maxBytes: 100)!.Value));
        Assert.Equal((2, 0L, 10L), (prefix.Part, prefix.InPart, prefix.Position));
        Assert.Equal(new PrefixRead(2, 0, 0, 10, 6), prefix.Next(maxBytes: 100));
    }

    [Fact]
    public void A_part_sent_again_voids_what_its_earlier_writer_reported()
    {
        var prefix = new WrittenPrefix(Plan);
        prefix.Starting(1);
        prefix.Written(1, 10);
        prefix.Ended(1, whole: true);
        prefix.Starting(2);
        prefix.Written(2, 8);

        prefix.Starting(2);

        prefix.Advance(prefix.Next(maxBytes: 100)!.Value);
        Assert.Equal(2, prefix.Part);
        Assert.Null(prefix.Next(maxBytes: 100));
    }

    [Fact]
    public void Starting_a_part_the_hash_has_reached_asks_for_a_step_back_and_one_it_has_not_does_not()
    {
        var prefix = new WrittenPrefix(Plan, part: 2);

        Assert.False(prefix.Starting(3));
        Assert.True(prefix.Starting(2));
        Assert.True(prefix.Starting(1));
    }

    [Fact]
    public void A_read_handed_out_before_a_step_back_is_refused_and_moves_nothing()
    {
        var prefix = new WrittenPrefix(Plan);
        prefix.Starting(1);
        prefix.Written(1, 6);
        var read = prefix.Next(maxBytes: 100)!.Value;

        prefix.StepBackTo(1);

        Assert.Equal(PrefixAdvance.Stale, prefix.Advance(read));
        Assert.Equal(0, prefix.Position);
        Assert.Equal(1, prefix.Next(maxBytes: 100)!.Value.Epoch);
    }

    [Fact]
    public void Stepping_back_puts_the_hash_at_the_start_of_that_part()
    {
        var prefix = new WrittenPrefix(Plan, part: 3);

        prefix.StepBackTo(2);

        Assert.Equal((2, 0L, 10L), (prefix.Part, prefix.InPart, prefix.Position));
    }

    [Fact]
    public void Once_complete_says_every_part_is_whole_the_rest_of_the_file_is_readable()
    {
        var prefix = new WrittenPrefix(Plan, part: 2);

        prefix.AllWhole();

        Assert.Equal(PrefixAdvance.PartDone, prefix.Advance(prefix.Next(maxBytes: 100)!.Value));
        var last = prefix.Next(maxBytes: 100)!.Value;
        Assert.Equal((3, 20L, 5), (last.Part, last.Offset, last.Length));
        Assert.Equal(PrefixAdvance.PartDone, prefix.Advance(last));
        Assert.True(prefix.AtEnd);
        Assert.Equal(25, prefix.Position);
        Assert.Null(prefix.Next(maxBytes: 100));
    }

    [Fact]
    public void An_empty_files_one_part_is_a_read_of_no_bytes_that_ends_the_hash()
    {
        var prefix = new WrittenPrefix(new PartPlan(0, 1, 0));

        var read = prefix.Next(maxBytes: 100)!.Value;

        Assert.Equal(0, read.Length);
        Assert.Equal(PrefixAdvance.PartDone, prefix.Advance(read));
        Assert.True(prefix.AtEnd);
    }

    [Fact]
    public void A_hash_resumed_from_a_checkpoint_starts_at_the_first_part_it_did_not_keep()
    {
        var prefix = new WrittenPrefix(Plan, part: 3);

        Assert.Equal(20, prefix.Position);
        Assert.False(prefix.AtEnd);
        Assert.Null(prefix.Next(maxBytes: 100));
    }
}
