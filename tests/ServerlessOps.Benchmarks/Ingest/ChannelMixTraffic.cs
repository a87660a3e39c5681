using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>
/// The traffic a deployment sees, for the ingest benchmark: the marketplace scenario's deliveries from all four
/// channels interleaved (Shopify orders with their updates, cancellations and refunds; Amazon, Walmart and TikTok
/// order signals whose order the stub marketplace serves for the re-read; inventory and price events; 15% re-sent
/// duplicates and out-of-order updates), in the scenario's order. One run never sends a delivery twice beyond the
/// scenario's own duplicates. <c>--mix shopify</c> keeps the earlier Shopify orders/create-only stream, to compare
/// with the figures measured before the mix.
/// </summary>
internal sealed class ChannelMixTraffic
{
    /// <summary>The scenario's limit per channel; about 2.5 deliveries per order on average.</summary>
    private const int MaxOrdersPerChannel = 1000;

    private ChannelMixTraffic(IReadOnlyList<SignedWebhook> deliveries, MarketplaceScenario? scenario)
    {
        Deliveries = deliveries;
        Scenario = scenario;
    }

    /// <summary>Every delivery to send, warm-up first.</summary>
    public IReadOnlyList<SignedWebhook> Deliveries { get; }

    /// <summary>The scenario behind a four-channel mix (null for Shopify only).</summary>
    public MarketplaceScenario? Scenario { get; }

    public static ChannelMixTraffic FourChannels(int count)
    {
        // Size the scenario a fifth above what is needed, since deliveries per order vary with the seed.
        var ordersPerChannel = Math.Min(MaxOrdersPerChannel, (int)Math.Ceiling(count / 2.5 / 4 * 1.2) + 1);
        var scenario = MarketplaceScenario.Build(new MarketplaceScenarioOptions
        {
            OrdersPerChannel = ordersPerChannel,
            InventoryEventsPerChannel = ordersPerChannel / 4,
            PriceEventsPerChannel = ordersPerChannel / 8,
            Start = DateTimeOffset.UtcNow.AddDays(-2),
        });
        if (scenario.Steps.Count < count)
        {
            throw new ArgumentException(
                $"The four-channel scenario holds {scenario.Steps.Count} deliveries at most; this run needs {count} (warm-up + rate × seconds). Lower --rate, --seconds or --warmup.");
        }

        return new ChannelMixTraffic([.. scenario.Deliveries.Take(count)], scenario);
    }

    public static ChannelMixTraffic ShopifyOnly(int count)
    {
        var factory = new ShopifyOrderFactory();
        return new ChannelMixTraffic([.. Enumerable.Range(0, count).Select(factory.Create)], null);
    }

    /// <summary>How many deliveries each channel has in the stream, for the table.</summary>
    public string Shares() => string.Join(", ", Deliveries
        .GroupBy(d => d.Channel)
        .OrderByDescending(g => g.Count())
        .Select(g => $"{g.Key} {100.0 * g.Count() / Deliveries.Count:0}%"));

    /// <summary>Lets the stub marketplace answer every re-read (processing on).</summary>
    public void Serve(Marketplace marketplace) => Scenario?.LoadFinalState(marketplace);
}
