namespace Scenario.Uploads.Storage;

/// <summary>
/// A write of user bytes refused before it began: it would have taken space the <see cref="DiskReserve"/> keeps
/// for the database and for freeing space. An <see cref="IOException"/>, as the full disk it stands in for.
/// </summary>
public sealed class ReserveReachedException(long wanted, long available)
    : IOException($"Storing {wanted} more bytes would leave less free space than the reserve ({Math.Max(0, available)} bytes are left for uploads).");
