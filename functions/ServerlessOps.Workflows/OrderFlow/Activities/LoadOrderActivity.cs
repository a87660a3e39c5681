using Microsoft.DurableTask;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Workflows.OrderFlow.Activities;

/// <summary>What <see cref="LoadOrderActivity"/> reads: the order, and which SKUs the flow has resolved already.</summary>
public sealed record LoadOrderRequest(string BrandId, SalesChannel Channel, string ExternalOrderId, IReadOnlyList<string> KnownSkus)
{
    /// <summary>The order's placement time when the flow knows it (the store's partition hint); null: found by its locator.</summary>
    public DateTimeOffset? PlacedAt { get; init; }
}

/// <summary>
/// Reads the order from the truth (one point read when the flow knows its placement time, else the locator's two), the brand's policy from the registry snapshot,
/// and resolves the order's SKUs the flow does not know yet through <see cref="ICatalogReader"/> in one call, with
/// costs and fees at the order's placement. Reads only, so a retry is harmless.
/// </summary>
public sealed class LoadOrderActivity(IOrderStore orders, IBrandDirectorySource brands, ICatalogReader catalog) : TaskActivity<LoadOrderRequest, OrderFlowSnapshot>
{
    public override async Task<OrderFlowSnapshot> RunAsync(TaskActivityContext context, LoadOrderRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var policy = FlowPolicy.From(brands.Current.Brands.TryGetValue(input.BrandId, out var brand) ? brand.Policy : BrandPolicy.Default);
        var orderId = OrderId.For(input.Channel, input.ExternalOrderId);
        var stored = input.PlacedAt is { } placedAt
            ? await orders.GetAsync(input.BrandId, orderId, placedAt)
            : await orders.GetAsync(input.BrandId, orderId);
        if (stored is null)
        {
            return OrderFlowSnapshot.NotFound with { Policy = policy };
        }

        var order = stored.Value.Order;
        var lines = order.Lines
            .Select(l => new FlowOrderLine(l.LineId, l.Sku, l.Quantity, l.QuantityShipped, l.QuantityCancelled, l.QuantityReturned, l.UnitPriceForSums(), l.Discount, l.Tax))
            .ToList();
        if (order.ChannelFacts.Cancelled)
        {
            // The channel cancelled the order as a whole: every unshipped unit is cancelled, whatever a line still says.
            lines = [.. lines.Select(l => l with { Cancelled = Math.Max(l.Cancelled, l.Quantity - l.Shipped) })];
        }

        var known = input.KnownSkus.ToHashSet(StringComparer.Ordinal);
        var unknown = lines.Select(l => l.Sku).Where(s => !known.Contains(s)).Distinct(StringComparer.Ordinal).ToList();
        FlowCatalogResolution? resolution = null;
        if (unknown.Count > 0 && !order.IsHistory)
        {
            var resolved = await catalog.ResolveAsync(input.BrandId, input.Channel, unknown, order.PlacedAt, CancellationToken.None);
            resolution = new FlowCatalogResolution(
                resolved.Lines.ToDictionary(
                    kv => kv.Key,
                    kv => new FlowCatalogLine(kv.Value.Sku, kv.Value.StockLocation, kv.Value.ChannelFulfilled, kv.Value.Category, kv.Value.Currency, kv.Value.MinimumAdvertisedPrice, kv.Value.UnitCost),
                    StringComparer.Ordinal),
                resolved.Unmapped,
                resolved.Fees);
        }

        return new OrderFlowSnapshot(true, order.IsHistory, order.Currency, order.PlacedAt, order.ChannelFacts.Delivered, lines, policy, resolution)
        {
            ShipBy = order.ShipBy,
            ChannelAccountId = order.ChannelAccountId,
        };
    }
}
