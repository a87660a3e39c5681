using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// Every list read is a query inside one logical partition: the partition key on the request, optimistic
/// direct execution (no query plan from the gateway, which the local emulator cannot answer and real Cosmos
/// does not need for one partition), and the same key in the WHERE clause. <see cref="ReadAllAsync{T}"/>
/// builds the WHERE itself, so no store can forget it, and reads every page.
/// </summary>
internal static class SinglePartitionQuery
{
    /// <param name="filter">Extra conditions ANDed after <c>c.pk = @pk</c> (use <c>c.</c> and @parameters), or null.</param>
    /// <param name="orderBy">Without the ORDER BY keyword, for example <c>c.placedAt DESC</c>: one property, so no composite index is needed.</param>
    /// <param name="parameters">Values for the @parameters of <paramref name="filter"/>; strings or numbers only.</param>
    /// <param name="top">At most this many documents (<c>SELECT TOP</c>), for reads that walk a partition in slices; null for all.</param>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        Container container,
        string partitionKey,
        string documentType,
        string? filter,
        string orderBy,
        IReadOnlyList<KeyValuePair<string, object>> parameters,
        int pageSize,
        ILogger logger,
        CancellationToken cancellationToken,
        int? top = null)
    {
        var select = top is { } limit ? $"SELECT TOP {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} *" : "SELECT *";
        var text = $"{select} FROM c WHERE c.pk = @pk AND c.type = @type{(filter is null ? string.Empty : $" AND {filter}")} ORDER BY {orderBy}";
        var query = new QueryDefinition(text).WithParameter("@pk", partitionKey).WithParameter("@type", documentType);
        foreach (var (name, value) in parameters)
        {
            query = query.WithParameter(name, value);
        }

        var options = new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(partitionKey),
            EnableOptimisticDirectExecution = true,
            MaxItemCount = pageSize,
        };

        var results = new List<T>();
        var pages = 0;
        var charge = 0d;
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync(cancellationToken);
            results.AddRange(page);
            pages++;
            charge += page.RequestCharge;
        }

        logger.QueryCompleted(container.Id, partitionKey, results.Count, pages, charge);
        return results;
    }

    /// <summary>
    /// As <see cref="ReadAllAsync{T}"/>, but yields each page's documents as the page arrives, so a caller that
    /// aggregates holds one page at a time, never the partition. <paramref name="translate"/> turns an SDK failure of a
    /// page read into the store's exception (an iterator cannot catch around a yield).
    /// </summary>
    public static async IAsyncEnumerable<T> StreamAsync<T>(
        Container container,
        string partitionKey,
        string documentType,
        string? filter,
        string orderBy,
        IReadOnlyList<KeyValuePair<string, object>> parameters,
        int pageSize,
        ILogger logger,
        Func<Func<Task<FeedResponse<T>>>, Task<FeedResponse<T>>> translate,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(translate);
        var text = $"SELECT * FROM c WHERE c.pk = @pk AND c.type = @type{(filter is null ? string.Empty : $" AND {filter}")} ORDER BY {orderBy}";
        var query = new QueryDefinition(text).WithParameter("@pk", partitionKey).WithParameter("@type", documentType);
        foreach (var (name, value) in parameters)
        {
            query = query.WithParameter(name, value);
        }

        var options = new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(partitionKey),
            EnableOptimisticDirectExecution = true,
            MaxItemCount = pageSize,
        };

        var count = 0;
        var pages = 0;
        var charge = 0d;
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            var page = await translate(() => iterator.ReadNextAsync(cancellationToken));
            pages++;
            charge += page.RequestCharge;
            foreach (var item in page)
            {
                count++;
                yield return item;
            }
        }

        logger.QueryCompleted(container.Id, partitionKey, count, pages, charge);
    }
}
