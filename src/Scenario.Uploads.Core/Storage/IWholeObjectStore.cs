namespace Scenario.Uploads.Storage;

/// <summary>A store that can take a whole object as one stream of unknown length (imports).</summary>
public interface IWholeObjectStore
{
    /// <summary>
    /// Streams <paramref name="body"/> to its end into the object at <paramref name="key"/>, replacing any
    /// earlier object or leftover of an interrupted write, and makes it durable before returning. The
    /// object appears whole or not at all. Returns the number of bytes written.
    /// </summary>
    Task<long> WriteObjectAsync(string key, Stream body, CancellationToken cancellationToken);
}
