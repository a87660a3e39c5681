using System.Collections.Concurrent;

namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>
/// Entries this process has seen carry their decision: it marked them, or read them decided. A decided entry never
/// changes again, so a trim may drop such an entry's record from its balance without reading the entry first (the
/// invariant in README.md); that read was one Cosmos request per decision. Process-local and bounded: an entry
/// forgotten, or marked by another process, costs only the read the trim made before.
/// </summary>
internal sealed class MarkedEntries(int capacity)
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
    private int _count;

    public void Add(string pk, string entryId)
    {
        if (Volatile.Read(ref _count) >= capacity)
        {
            // Full only when trims elsewhere (another process) took what this one marked: start again.
            _keys.Clear();
            Volatile.Write(ref _count, 0);
        }

        if (_keys.TryAdd(Key(pk, entryId), 0))
        {
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>True, and forgotten, when the entry is known marked: its record leaves the balance, never to be trimmed again.</summary>
    public bool TakeIfMarked(string pk, string entryId)
    {
        if (!_keys.TryRemove(Key(pk, entryId), out _))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    private static string Key(string pk, string entryId) => pk + "\n" + entryId;
}
