#if !NET9_0_OR_GREATER
namespace System.Threading;

/// <summary>
/// .NET 9's <c>System.Threading.Lock</c> for the net8.0 build, on <see cref="Monitor"/>: the SDK locks on
/// <c>Lock</c> fields, and with this type the same <c>lock</c> statements compile, and exclude, on .NET 8.
/// </summary>
internal sealed class Lock
{
    private readonly object _monitor = new();

    /// <summary>Enters the lock; the C# compiler calls this for <c>lock (x)</c> on a <c>Lock</c>.</summary>
    public Scope EnterScope()
    {
        Monitor.Enter(_monitor);
        return new Scope(_monitor);
    }

    /// <summary>Holds the lock until disposed.</summary>
    public readonly ref struct Scope
    {
        private readonly object _monitor;

        internal Scope(object monitor) => _monitor = monitor;

        /// <summary>Leaves the lock.</summary>
        public void Dispose() => Monitor.Exit(_monitor);
    }
}
#endif
