using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Persistence;

/// <summary>
/// What a create under an idempotency key did (<see cref="IUploadRepository.CreateOnceAsync"/>): stored the
/// upload, found the key taken by another create, or found the owner's quota full. Only the first writes.
/// </summary>
public sealed record KeyedCreate(bool KeyTaken, QuotaBreach? Breach)
{
    public static readonly KeyedCreate Created = new(false, null);

    public static readonly KeyedCreate Taken = new(true, null);

    public bool Stored => !KeyTaken && Breach is null;
}
