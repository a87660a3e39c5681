using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>
/// Every order id of a brand on one channel, whatever month it was placed in, for <c>shop/redact</c>: the brand's 16
/// locator partitions walked by id in slices (<c>SELECT TOP n … WHERE c.id &gt; @after</c>), single-partition queries
/// only. Orders still in the brand-partitioned layout have no locator yet; the migration at start gives them one.
/// </summary>
public sealed class ShopOrderScan
{
    private const int SliceSize = 100;
    private const string Buckets = "0123456789abcdef";

    private readonly CosmosDocuments<OrderLocatorDocument> _locators;

    public ShopOrderScan(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<ShopOrderScan> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _locators = new(containers.Orders, options.Value.QueryPageSize, logger);
    }

    public async IAsyncEnumerable<string> OrderIdsAsync(string brandId, SalesChannel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var prefix = $"{channel.Slug()}:";
        foreach (var bucket in Buckets)
        {
            var partition = $"{brandId}|locator|{bucket}";
            var after = string.Empty;
            while (true)
            {
                var slice = await _locators.QueryAsync(
                    partition, OrderLocatorDocument.DocumentType, "c.id > @after", "c.id", [new("@after", after)], cancellationToken, SliceSize);
                foreach (var locator in slice.Where(l => l.OrderId.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    yield return locator.OrderId;
                }

                if (slice.Count < SliceSize)
                {
                    break;
                }

                after = slice[^1].Id;
            }
        }
    }
}
