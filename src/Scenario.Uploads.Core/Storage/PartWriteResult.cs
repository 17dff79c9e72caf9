namespace Scenario.Uploads.Storage;

/// <summary>
/// The outcome of a part write: once written, <paramref name="Xxh128"/> is the digest of its bytes, and
/// <paramref name="Md5"/> too when it was asked for.
/// </summary>
public sealed record PartWriteResult(PartWriteStatus Status, long BytesReceived, byte[]? Xxh128 = null, byte[]? Md5 = null);

public enum PartWriteStatus
{
    Written,
    /// <summary>The body ended before the planned length.</summary>
    TooShort,
    /// <summary>The body went on past the planned length.</summary>
    TooLong,
}
