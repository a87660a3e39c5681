using ServerlessOps.Domain.Paging;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// One page of a partition's documents, newest first: sort key descending, then id descending on ties, resumed after a
/// <see cref="KeysetPosition"/> (never OFFSET, which the local server cannot plan and real Cosmos charges for every
/// skipped document).
/// </summary>
/// <remarks>
/// The order has two keys, but every query orders by one property: ORDER BY on two properties needs a composite index
/// on real Cosmos DB (a deployment change per container), while one property is served by the default range index. So
/// the first query takes <c>TOP limit+1</c> by sort key; if that fills, the documents sharing the last sort key may be
/// cut anywhere in their tie, so a second query reads that tie alone ordered by id. At most two queries per page, each
/// reading at most <c>limit+1</c> documents.
/// </remarks>
internal static class KeysetPageQuery
{
    /// <param name="sortPath">The sorted property as a query path, e.g. <c>c.receivedAt</c>; its stored values are strings that sort as they compare ordinally.</param>
    /// <param name="sortKeyOf">The stored value at <paramref name="sortPath"/> of a document.</param>
    /// <param name="idOf">The stored id (<c>c.id</c>) of a document.</param>
    public static async Task<Page<TDocument>> ReadAsync<TDocument>(
        CosmosDocuments<TDocument> documents,
        string partitionKey,
        string documentType,
        string? filter,
        IReadOnlyList<KeyValuePair<string, object>> parameters,
        string sortPath,
        Func<TDocument, string> sortKeyOf,
        Func<TDocument, string> idOf,
        PageRequest page,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(page);
        var conditions = filter is null ? new List<string>() : [$"({filter})"];
        var values = new List<KeyValuePair<string, object>>(parameters);
        if (page.After is { } after)
        {
            conditions.Add($"({sortPath} < @afterKey OR ({sortPath} = @afterKey AND c.id < @afterId))");
            values.Add(new("@afterKey", after.SortKey));
            values.Add(new("@afterId", after.Id));
        }

        var bySortKey = await documents.QueryAsync(
            partitionKey, documentType, Join(conditions), $"{sortPath} DESC", values, cancellationToken, top: page.Limit + 1);
        if (bySortKey.Count <= page.Limit)
        {
            return new Page<TDocument>([.. bySortKey.OrderByDescending(sortKeyOf, StringComparer.Ordinal).ThenByDescending(idOf, StringComparer.Ordinal)], null);
        }

        var boundary = sortKeyOf(bySortKey[^1]);
        var newer = bySortKey.Where(d => string.CompareOrdinal(sortKeyOf(d), boundary) > 0)
            .OrderByDescending(sortKeyOf, StringComparer.Ordinal).ThenByDescending(idOf, StringComparer.Ordinal).ToList();
        var tie = await documents.QueryAsync(
            partitionKey, documentType, Join([.. conditions, $"{sortPath} = @boundary"]), "c.id DESC", [.. values, new("@boundary", boundary)],
            cancellationToken, top: page.Limit + 1 - newer.Count);

        var items = newer.Concat(tie).Take(page.Limit).ToList();
        var last = items[^1];
        return new Page<TDocument>(items, new KeysetPosition(sortKeyOf(last), idOf(last)));
    }

    private static string? Join(List<string> conditions) => conditions.Count == 0 ? null : string.Join(" AND ", conditions);
}
