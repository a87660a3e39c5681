using System.Runtime.CompilerServices;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// A total order for a query ordered on one property: items that tie on it come back in storage order, which follows
/// when each write landed, so the same data could read back in another order on another day. Each run of ties is put in
/// id order (ordinal) before it is passed on; only one run is held at a time. A monthly report's version is a hash of
/// its bytes, and <c>pnl-lines.csv</c> lists orders as they stream: without this, finance could get a new version of an
/// unchanged month (the quick start gave two versions of one report, one order's line three rows apart).
/// </summary>
internal static class TiesInIdOrder
{
    /// <param name="source">Items ordered by <paramref name="sortKey"/>.</param>
    public static async IAsyncEnumerable<T> Of<T>(
        IAsyncEnumerable<T> source, Func<T, string> sortKey, Func<T, string> id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var ties = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            if (ties.Count > 0 && !string.Equals(sortKey(ties[0]), sortKey(item), StringComparison.Ordinal))
            {
                foreach (var tied in InIdOrder(ties, id))
                {
                    yield return tied;
                }

                ties.Clear();
            }

            ties.Add(item);
        }

        foreach (var tied in InIdOrder(ties, id))
        {
            yield return tied;
        }
    }

    private static T[] InIdOrder<T>(List<T> ties, Func<T, string> id) =>
        ties.Count == 1 ? [ties[0]] : [.. ties.OrderBy(id, StringComparer.Ordinal)];
}
