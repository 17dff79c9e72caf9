using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Hashing;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Tests.Hashing;

/// <summary>The hash's record at part boundaries on its own: step backs, the ETag check, the checkpoint cadence.</summary>
public sealed class HashedPartsTests
{
    private const long MiB = 1024 * 1024;

    // Ten parts of 20 MiB.
    private static readonly PartPlan Plan = new(200 * MiB, 10, 20 * MiB);

    [Fact]
    public void A_checkpoint_is_due_once_64_MiB_of_parts_are_hashed_since_the_last_one()
    {
        var hashed = new HashedParts(Plan, saved: null);

        var due = Enumerable.Range(1, 10).Select(n => hashed.PartDone(Digest(n))).ToList();

        // Boundaries at 80 MiB (after part 4) and 160 MiB (after part 8); none at the file's end.
        Assert.Equal([4, 8], due.Where(c => c is not null).Select(c => c!.Parts));
        Assert.Equal(Enumerable.Range(1, 4).Select(Digest), due[3]!.PartDigests);
    }

    [Fact]
    public void Stepping_back_to_a_boundary_passed_before_a_restart_goes_back_to_the_file_start()
    {
        var before = new HashedParts(Plan, saved: null);
        HashCheckpoint? checkpoint = null;
        for (var n = 1; n <= 4; n++)
        {
            checkpoint = before.PartDone(Digest(n));
        }
        var resumed = new HashedParts(Plan, checkpoint);
        Assert.Equal(4, resumed.Count);
        resumed.PartDone(Digest(5));

        Assert.Equal(5, resumed.StepBackTo(5));
        Assert.Equal(4, resumed.Count);
        Assert.Equal(1, resumed.StepBackTo(3));
        Assert.Equal(0, resumed.Count);
        Assert.Equal(Sha256State.Start().ToHex(), resumed.State.ToHex());
    }

    [Fact]
    public void The_first_part_whose_digest_is_not_its_etag_is_the_one_to_hash_again()
    {
        var hashed = new HashedParts(Plan, saved: null);
        foreach (var n in Enumerable.Range(1, 10))
        {
            hashed.PartDone(Digest(n));
        }
        var etags = Enumerable.Range(1, 10).ToDictionary(n => n, n => ServicePartETag.FromXxh128(Digest(n)));
        Assert.Null(hashed.FirstDifferingPart(etags));

        etags[7] = ServicePartETag.FromXxh128(Digest(70));
        Assert.Equal(7, hashed.FirstDifferingPart(etags));
        etags.Remove(3);
        Assert.Equal(3, hashed.FirstDifferingPart(etags));
    }

    [Fact]
    public void A_part_not_hashed_yet_is_the_one_to_hash_next()
    {
        var hashed = new HashedParts(Plan, saved: null);
        hashed.PartDone(Digest(1));

        Assert.Equal(2, hashed.FirstDifferingPart(Enumerable.Range(1, 10).ToDictionary(n => n, n => ServicePartETag.FromXxh128(Digest(n)))));
    }

    private static byte[] Digest(int n) => Enumerable.Repeat((byte)n, 16).ToArray();
}
