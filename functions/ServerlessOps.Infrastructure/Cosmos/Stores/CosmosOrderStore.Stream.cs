using System.Runtime.CompilerServices;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary>The streaming read the monthly review aggregates from (<see cref="IOrderStore.StreamPlacedAsync"/>).</summary>
public sealed partial class CosmosOrderStore
{
    /// <remarks>
    /// Each UTC month is one partition (<see cref="OrderDocument.PartitionKeyFor(string, DateTimeOffset)"/>), read with a
    /// single-partition query filtered on the sortable placed-at copy, so a window of thirteen months costs thirteen
    /// queries and one page of documents in memory (<see cref="CosmosOptions.StreamPageSize"/>, large, as every page is a
    /// round trip). While the brand still has orders in the brand-partitioned layout,
    /// those placed in the window are read first and their ids kept (only theirs, a shrinking set the migration empties),
    /// so an order moved between the two reads is yielded once. Orders placed at the same instant come in id order
    /// (<see cref="TiesInIdOrder"/>), so the same orders always stream the same way.
    /// </remarks>
    public async IAsyncEnumerable<StoredOrder> StreamPlacedAsync(
        string brandId, DateTimeOffset from, DateTimeOffset until, SalesChannel? channel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        if (until <= from)
        {
            yield break;
        }

        var filter = "c.placedAt >= @from AND c.placedAt < @until" + (channel is null ? string.Empty : " AND c.channel = @channel");
        var parameters = new List<KeyValuePair<string, object>>
        {
            new("@from", CosmosValues.SortableUtc(from)),
            new("@until", CosmosValues.SortableUtc(until)),
        };
        if (channel is { } c)
        {
            parameters.Add(new("@channel", c.Slug()));
        }

        var legacyIds = new HashSet<string>(StringComparer.Ordinal);
        if (!await IsMovedAsync(brandId, cancellationToken))
        {
            await foreach (var document in TiesInIdOrder.Of(
                _stream.StreamAsync(OrderDocument.LegacyPartitionKeyFor(brandId), OrderDocument.DocumentType, filter, "c.placedAt ASC", parameters, cancellationToken),
                d => d.PlacedAt, d => d.Id, cancellationToken))
            {
                legacyIds.Add(document.Id);
                yield return document.ToDomain();
            }
        }

        var month = new DateOnly(from.UtcDateTime.Year, from.UtcDateTime.Month, 1);
        var last = DateOnly.FromDateTime((until - TimeSpan.FromTicks(1)).UtcDateTime);
        for (; month <= last; month = month.AddMonths(1))
        {
            await foreach (var document in TiesInIdOrder.Of(
                _stream.StreamAsync(OrderDocument.PartitionKeyFor(brandId, month), OrderDocument.DocumentType, filter, "c.placedAt ASC", parameters, cancellationToken),
                d => d.PlacedAt, d => d.Id, cancellationToken))
            {
                if (legacyIds.Count == 0 || !legacyIds.Contains(document.Id))
                {
                    yield return document.ToDomain();
                }
            }
        }
    }
}
