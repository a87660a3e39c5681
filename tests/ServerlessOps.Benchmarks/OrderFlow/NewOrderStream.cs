using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>One new order as its channel announces it: the signed delivery and, for the re-read channels, the API document.</summary>
internal sealed record NewOrder(int Index, SalesChannel Channel, string ExternalOrderId, SignedWebhook Webhook, ChannelOrderDocument? Document)
{
    /// <summary>The truth's order id (<c>OrderId.For</c>), as ledger causes carry it.</summary>
    public string OrderId => $"{Channel.Slug()}:{ExternalOrderId}";
}

/// <summary>
/// New orders of all four channels from the marketplace scenario (tests/ServerlessOps.Testing/Scenarios): only each
/// order's first delivery (Shopify orders/create with the order; Amazon ORDER_CHANGE Unshipped, Walmart PO_CREATED,
/// TikTok AWAITING_SHIPMENT, whose order the stub serves), no duplicates, no reordering, channels interleaved as the
/// scenario places them: one in four per channel. The scenario places an order about every 11 minutes per channel, so the
/// stream starts far enough back that the last order is placed before now; the brand's ship-within is set long enough
/// (<see cref="OrderFlowStack"/>) that no flow meets its SLA deadline during the run.
/// </summary>
internal static class NewOrderStream
{
    /// <summary>The scenario's limit: 1,000 orders per channel.</summary>
    public const int MaxOrders = 4000;

    /// <returns><paramref name="count"/> orders, at most <see cref="MaxOrders"/>.</returns>
    public static IReadOnlyList<NewOrder> Build(int count)
    {
        var perChannel = Math.Min(1000, (count / 4) + 2);
        var options = new MarketplaceScenarioOptions
        {
            OrdersPerChannel = perChannel,
            InventoryEventsPerChannel = 0,
            PriceEventsPerChannel = 0,
            DuplicateRate = 0,
            OutOfOrderRate = 0,
            Start = DateTimeOffset.UtcNow.AddMinutes(-(perChannel * 11) - 60),
        };
        var scenario = MarketplaceScenario.Build(options);
        return
        [
            .. scenario.Steps
                .Where(s => s.ExternalOrderId is not null)
                .DistinctBy(s => (s.Channel, s.ExternalOrderId))
                .Take(count)
                .Select((s, i) => new NewOrder(i, s.Channel, s.ExternalOrderId!, s.Webhook, s.Document)),
        ];
    }

    /// <summary>Makes the stub answer every re-read channel's order as it stands when its signal arrives.</summary>
    public static void Serve(IEnumerable<NewOrder> orders, Marketplace marketplace)
    {
        ScenarioAccounts.Default.ExpectCredentials(marketplace);
        foreach (var order in orders)
        {
            if (order.Document is { } document)
            {
                marketplace.Put(document);
            }
        }
    }
}
