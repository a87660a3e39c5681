using System.Runtime.CompilerServices;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Data;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Infrastructure.Tests.Review.Facts;

/// <summary>A brand, its catalog, rates and orders as a test states them, behind the interfaces the facts builder reads.</summary>
internal sealed class ReviewFactsFakes : IReviewCatalog, IReviewDataStore, IOrderStore
{
    public const string BrandId = "acme";

    public List<Order> Orders { get; } = [];

    public Dictionary<(SalesChannel, string), ReviewListing> Listings { get; } = [];

    public Dictionary<string, List<UnitCost>> Costs { get; } = new(StringComparer.Ordinal);

    public List<FeeRule> Fees { get; } = [];

    public List<ExchangeRate> Rates { get; } = [];

    public List<StockSnapshot> Snapshots { get; } = [];

    public List<AdSpendDay> AdSpend { get; } = [];

    public List<ChannelTarget> Targets { get; } = [];

    public static Brand Brand(string timeZone = "America/New_York", string currency = "USD") =>
        new(BrandId, "Acme", currency, timeZone, DateTimeOffset.UnixEpoch, new BrandOwners("finance@acme.example"), BrandPolicy.Default with { MarginFloorPercent = 20m });

    public ReviewFactsFakes Map(string sku, decimal cost, string currency = "USD", SalesChannel channel = SalesChannel.Shopify)
    {
        Listings[(channel, sku)] = new ReviewListing(sku, null, currency, null, ChannelFulfilled: false);
        Costs[sku] = [new UnitCost(sku, cost, currency, DateTimeOffset.UnixEpoch, null)];
        return this;
    }

    public Order Add(string id, DateTimeOffset placedAt, params OrderLine[] lines) => Add(id, placedAt, "USD", lines);

    public Order Add(string id, DateTimeOffset placedAt, string currency, params OrderLine[] lines)
    {
        var order = new Order
        {
            BrandId = BrandId,
            Channel = SalesChannel.Shopify,
            ChannelAccountId = "acme.myshopify.com",
            ExternalOrderId = id,
            Status = OrderStatus.AwaitingFulfilment,
            ChannelStatus = "open",
            Currency = currency,
            Lines = lines,
            PlacedAt = placedAt,
            Version = new OrderVersion(placedAt, placedAt),
        };
        Orders.Add(order);
        return order;
    }

    public Task<ReviewListing?> GetListingAsync(string brandId, SalesChannel channel, string channelSku, CancellationToken cancellationToken) =>
        Task.FromResult(Listings.GetValueOrDefault((channel, channelSku)));

    public Task<IReadOnlyList<UnitCost>> GetCostsAsync(string brandId, string sku, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UnitCost>>(Costs.GetValueOrDefault(sku) ?? []);

    public Task<FeeScheduleHistory> GetFeeScheduleAsync(string brandId, SalesChannel channel, CancellationToken cancellationToken) =>
        Task.FromResult(new FeeScheduleHistory([.. Fees.Where(f => f.Channel == channel)], []));

    public async IAsyncEnumerable<StoredOrder> StreamPlacedAsync(
        string brandId, DateTimeOffset from, DateTimeOffset until, SalesChannel? channel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var order in Orders.Where(o => o.PlacedAt >= from && o.PlacedAt < until && (channel is null || o.Channel == channel)).OrderBy(o => o.PlacedAt))
        {
            await Task.Yield();
            yield return new StoredOrder(order, [], order.PlacedAt);
        }
    }

    public async IAsyncEnumerable<AdSpendDay> ReadAdSpendAsync(string brandId, DateOnly fromDay, DateOnly untilDay, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var day in AdSpend.Where(d => d.Day >= fromDay && d.Day < untilDay).OrderBy(d => d.Day))
        {
            await Task.Yield();
            yield return day;
        }
    }

    public async IAsyncEnumerable<StockSnapshot> ReadStockSnapshotsAsync(string brandId, DateOnly fromDay, DateOnly untilDay, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var snapshot in Snapshots.Where(d => d.Day >= fromDay && d.Day < untilDay).OrderBy(d => d.Day))
        {
            await Task.Yield();
            yield return snapshot;
        }
    }

    public Task<IReadOnlyList<ChannelTarget>> GetTargetsAsync(string brandId, ReviewMonth month, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChannelTarget>>([.. Targets.Where(t => t.Month == month)]);

    public Task<IReadOnlyList<ExchangeRate>> GetExchangeRatesAsync(string brandId, DateOnly fromDay, DateOnly untilDay, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExchangeRate>>([.. Rates.Where(r => r.Day >= fromDay && r.Day < untilDay)]);

    public Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Versioned<StoredOrder>> CreateAsync(StoredOrder order, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Versioned<StoredOrder>> ReplaceAsync(StoredOrder order, string ifMatchETag, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<StoredOrder>> ListPlacedOnAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
