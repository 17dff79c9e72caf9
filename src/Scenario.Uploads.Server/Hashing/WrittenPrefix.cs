using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Hashing;

/// <summary>
/// Which bytes of an upload's file may be hashed next: the contiguous prefix written so far (every part
/// before the one the hash is in whole, and that part as far as its writer has got), and how far along it
/// the hash is. Bookkeeping only, no I/O and no lock: <see cref="UploadHasher"/> holds its lock around it.
/// </summary>
/// <remarks>
/// Part numbers are 1-based, as everywhere. Each step back bumps <see cref="Epoch"/>, so a read taken before
/// it (its bytes belong to the state the hash left) is refused when it comes back.
/// </remarks>
internal sealed class WrittenPrefix
{
    private readonly PartPlan _plan;
    private readonly long[] _written; // bytes from a part's start that its current writer has put in the file
    private readonly bool[] _whole;   // the part is in the file in full (its last write ended so)

    /// <summary>A prefix whose hash starts at part <paramref name="part"/> (after a checkpoint of the parts before it).</summary>
    public WrittenPrefix(PartPlan plan, int part = 1)
    {
        _plan = plan;
        _written = new long[plan.PartsCount + 1];
        _whole = new bool[plan.PartsCount + 1];
        Part = part;
    }

    /// <summary>The part the hash is in; one past the last once the whole file is hashed.</summary>
    public int Part { get; private set; }

    /// <summary>Bytes of <see cref="Part"/> hashed.</summary>
    public long InPart { get; private set; }

    public int Epoch { get; private set; }

    public bool AtEnd => Part > _plan.PartsCount;

    /// <summary>Where the hash has got to (bytes from the file's start).</summary>
    public long Position => OffsetOf(Part) + InPart;

    /// <summary>A writer is about to write part <paramref name="number"/> (again, perhaps): what it wrote before is void.</summary>
    /// <returns>True when the hash has reached that part, so must step back to its start.</returns>
    public bool Starting(int number)
    {
        _written[number] = 0;
        _whole[number] = false;
        return Part >= number;
    }

    /// <summary>Part <paramref name="number"/>'s writer has put its first <paramref name="bytes"/> bytes in the file.</summary>
    public void Written(int number, long bytes) => _written[number] = bytes;

    /// <summary>Part <paramref name="number"/>'s write ended, with the whole part in the file or not.</summary>
    public void Ended(int number, bool whole) => _whole[number] = whole;

    /// <summary>The upload is completed: every part is in the file, whoever wrote it.</summary>
    public void AllWhole() => Array.Fill(_whole, true);

    /// <summary>
    /// The next stretch to hash, at most <paramref name="maxBytes"/> long; null while nothing new is written.
    /// An empty part (an empty file's one part) is a read of no bytes, for it needs none.
    /// </summary>
    public PrefixRead? Next(int maxBytes)
    {
        if (AtEnd)
        {
            return null;
        }
        var size = _plan.SizeOf(Part);
        var available = (_whole[Part] ? size : _written[Part]) - InPart;
        var length = (int)Math.Clamp(available, 0, maxBytes);
        return length == 0 && size > 0 ? null : new PrefixRead(Part, Epoch, InPart, OffsetOf(Part) + InPart, length);
    }

    /// <summary>The hash took <paramref name="read"/>: moves past it, unless the hash stepped back since it was handed out.</summary>
    public PrefixAdvance Advance(PrefixRead read)
    {
        if (read.Epoch != Epoch)
        {
            return PrefixAdvance.Stale;
        }
        InPart += read.Length;
        if (InPart < _plan.SizeOf(Part))
        {
            return PrefixAdvance.InPart;
        }
        Part++;
        InPart = 0;
        return PrefixAdvance.PartDone;
    }

    /// <summary>The hash goes back to the start of part <paramref name="number"/>; reads handed out before are void.</summary>
    public void StepBackTo(int number)
    {
        Epoch++;
        Part = number;
        InPart = 0;
    }

    /// <summary>Where part <paramref name="number"/> starts; the file's end for the one past the last.</summary>
    public long OffsetOf(int number) => number > _plan.PartsCount ? _plan.FileSize : _plan.OffsetOf(number);
}

/// <summary>A stretch of part <see cref="Part"/> to hash: <see cref="Length"/> bytes from <see cref="InPart"/> into it.</summary>
internal readonly record struct PrefixRead(int Part, int Epoch, long InPart, long Offset, int Length);

/// <summary>What a hashed <see cref="PrefixRead"/> did to the prefix.</summary>
internal enum PrefixAdvance
{
    /// <summary>The hash stepped back meanwhile: the bytes belonged to the state it left.</summary>
    Stale,

    /// <summary>The hash moved on inside its part.</summary>
    InPart,

    /// <summary>The hash finished its part and is at the start of the next.</summary>
    PartDone,
}
