using Scenario.Uploads.Model;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Hashing;

/// <summary>
/// What an upload's hash has taken, part by part: the SHA-256 so far, its state at the start of every part
/// since (so that a part sent again steps the hash back to that part, not to the file's start), and the
/// XXH128 of each part as it was hashed, which complete checks against the parts' recorded ETags.
/// Not thread-safe: <see cref="UploadHasher"/> holds its lock around it.
/// </summary>
internal sealed class HashedParts
{
    /// <summary>Hashed bytes between two saved checkpoints (at part boundaries): a small file written each time.</summary>
    private const long CheckpointEvery = 64L * 1024 * 1024;

    private readonly PartPlan _plan;
    private readonly Dictionary<int, byte[]> _startStates = []; // the SHA-256 state at the start of part n (n ≥ 2; part 1 starts fresh)
    private readonly List<byte[]> _digests = [];                // XXH128 of parts 1.._digests.Count, as hashed
    private long _savedAt;

    /// <summary>Nothing hashed, or where <paramref name="saved"/> left it (when it fits the plan).</summary>
    public HashedParts(PartPlan plan, HashCheckpoint? saved)
    {
        _plan = plan;
        State = Sha256State.Start();
        if (saved is not null && saved.Parts <= plan.PartsCount)
        {
            State = Sha256State.Import(saved.State);
            _digests.AddRange(saved.PartDigests);
            _savedAt = EndOf(saved.Parts);
            if (saved.Parts < plan.PartsCount)
            {
                _startStates[saved.Parts + 1] = saved.State;
            }
        }
    }

    /// <summary>The SHA-256 in progress; replaced, not rewound, when the hash steps back.</summary>
    public Sha256State State { get; private set; }

    /// <summary>Parts hashed whole: the hash is in the next one.</summary>
    public int Count => _digests.Count;

    /// <summary>
    /// The part the hash was in is done, its bytes' XXH128 <paramref name="digest"/>: keeps the state at the
    /// next part's start, and returns a checkpoint to save when enough was hashed since the last one.
    /// </summary>
    public HashCheckpoint? PartDone(byte[] digest)
    {
        _digests.Add(digest);
        var next = _digests.Count + 1;
        if (next > _plan.PartsCount)
        {
            return null;
        }
        _startStates[next] = State.Export();
        var end = EndOf(_digests.Count);
        if (end - _savedAt < CheckpointEvery)
        {
            return null;
        }
        _savedAt = end;
        return new HashCheckpoint(_digests.Count, _startStates[next], [.. _digests]);
    }

    /// <summary>Goes back to the start of part <paramref name="number"/>; returns the part it went back to.</summary>
    /// <returns><paramref name="number"/>, or 1 when no state was kept at that boundary (it was passed before a restart).</returns>
    public int StepBackTo(int number)
    {
        if (number == 1 || !_startStates.TryGetValue(number, out var start))
        {
            number = 1;
            State = Sha256State.Start();
        }
        else
        {
            State = Sha256State.Import(start);
        }
        _digests.RemoveRange(number - 1, _digests.Count - (number - 1));
        _savedAt = Math.Min(_savedAt, _plan.OffsetOf(number));
        return number;
    }

    /// <summary>The first part whose hashed XXH128 is not its recorded ETag, or that is not hashed yet; null when none.</summary>
    public int? FirstDifferingPart(IReadOnlyDictionary<int, string> etags)
    {
        for (var i = 0; i < _digests.Count; i++)
        {
            if (!etags.TryGetValue(i + 1, out var etag) || etag != ServicePartETag.FromXxh128(_digests[i]))
            {
                return i + 1;
            }
        }
        return _digests.Count == _plan.PartsCount ? null : _digests.Count + 1;
    }

    // The end of the first `parts` parts: the file's end once they are all of it.
    private long EndOf(int parts) => parts >= _plan.PartsCount ? _plan.FileSize : _plan.OffsetOf(parts + 1);
}
