using ServerlessOps.Benchmarks.OrderFlow;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Benchmarks.Drills.Oversell;

/// <summary>
/// The race's orders: each one unit of the same SKU (the scenario's tee), a quarter from each channel, only each order's
/// first delivery (no duplicates, no reordering), placed in the past so that every order is already due when it arrives.
/// The re-read channels' documents are served by the stub marketplace (<see cref="NewOrderStream.Serve"/>).
/// </summary>
internal static class OversellOrders
{
    public static ScenarioProduct Product => ScenarioProduct.Catalog[0];

    public static IReadOnlyList<NewOrder> Build(int perChannel)
    {
        var scenario = MarketplaceScenario.Build(new MarketplaceScenarioOptions
        {
            OrdersPerChannel = perChannel,
            InventoryEventsPerChannel = 0,
            PriceEventsPerChannel = 0,
            DuplicateRate = 0,
            OutOfOrderRate = 0,
            SingleUnitOf = Product,
            Start = DateTimeOffset.UtcNow.AddMinutes(-((perChannel * 11) + 60)),
        });
        var orders = scenario.Steps
            .Where(s => s.ExternalOrderId is not null)
            .DistinctBy(s => (s.Channel, s.ExternalOrderId))
            .Select((s, i) => new NewOrder(i, s.Channel, s.ExternalOrderId!, s.Webhook, s.Document))
            .ToList();
        if (orders.Count != 4 * perChannel || orders.GroupBy(o => o.Channel).Any(g => g.Count() != perChannel))
        {
            throw new InvalidOperationException($"The scenario gave {orders.Count} new orders, not {perChannel} per channel.");
        }

        return orders;
    }
}
