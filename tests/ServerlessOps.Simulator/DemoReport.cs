using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Simulator;

/// <summary>
/// What the quick start prints: sent, landed per channel and outcome, orders per status, convergence, and the orders whose
/// truth is line-level (a partial cancellation, a refund the channel's status does not show).
/// </summary>
internal sealed class DemoReport
{
    private readonly IReadOnlyList<ScenarioDeliveryResult> _sent;
    private readonly IReadOnlyList<ChannelEvent> _events;
    private readonly IReadOnlyList<(ExpectedOrder Expected, StoredOrder? Actual)> _orders;
    private readonly IReadOnlyList<QuarantinedDelivery> _quarantine;

    private DemoReport(
        IReadOnlyList<ScenarioDeliveryResult> sent,
        IReadOnlyList<ChannelEvent> events,
        IReadOnlyList<(ExpectedOrder, StoredOrder?)> orders,
        IReadOnlyList<QuarantinedDelivery> quarantine)
    {
        _sent = sent;
        _events = events;
        _orders = orders;
        _quarantine = quarantine;
    }

    public bool AllConverged => _orders.All(o => Converged(o.Expected, o.Actual));

    public static async Task<DemoReport> BuildAsync(
        MarketplaceScenario scenario,
        IReadOnlyList<ScenarioDeliveryResult> sent,
        IReadOnlyList<ChannelEvent> events,
        ReadApiClient api,
        CancellationToken cancellationToken)
    {
        var orders = new List<(ExpectedOrder, StoredOrder?)>();
        foreach (var expected in scenario.ExpectedOrders)
        {
            orders.Add((expected, await api.OrderAsync(expected.OrderId, cancellationToken)));
        }

        return new DemoReport(sent, events, orders, await api.QuarantineAsync(cancellationToken));
    }

    public void Print(TextWriter output)
    {
        var channels = Enum.GetValues<SalesChannel>();
        output.WriteLine();
        output.WriteLine("Deliveries sent over HTTP");
        output.WriteLine("| channel | sent | 2xx | 4xx/5xx |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var channel in channels)
        {
            var mine = _sent.Where(s => s.Step.Channel == channel).ToList();
            output.WriteLine($"| {channel} | {mine.Count} | {mine.Count(s => s.StatusCode is >= 200 and < 300)} | {mine.Count(s => s.StatusCode >= 400)} |");
        }

        var outcomes = Enum.GetValues<DeliveryOutcome>().Where(o => _events.Any(e => e.Outcome == o)).ToList();
        output.WriteLine();
        output.WriteLine("What landed: the channel-event log (one entry per distinct delivery)");
        output.WriteLine($"| channel | {string.Join(" | ", outcomes)} | duplicates suppressed |");
        output.WriteLine($"|---|{string.Concat(outcomes.Select(_ => "---:|"))}---:|");
        foreach (var channel in channels)
        {
            var mine = _events.Where(e => e.Channel == channel).ToList();
            var counts = outcomes.Select(o => mine.Count(e => e.Outcome == o).ToString(System.Globalization.CultureInfo.InvariantCulture));
            output.WriteLine($"| {channel} | {string.Join(" | ", counts)} | {mine.Sum(e => e.Arrivals - 1)} |");
        }

        var statuses = Enum.GetValues<OrderStatus>().Where(s => _orders.Any(o => o.Actual?.Order.Status == s)).ToList();
        output.WriteLine();
        output.WriteLine("Orders in Cosmos DB (the source of truth)");
        output.WriteLine($"| channel | {string.Join(" | ", statuses)} | converged on newest version |");
        output.WriteLine($"|---|{string.Concat(statuses.Select(_ => "---:|"))}---:|");
        foreach (var channel in channels)
        {
            var mine = _orders.Where(o => o.Expected.Channel == channel).ToList();
            var counts = statuses.Select(s => mine.Count(o => o.Actual?.Order.Status == s).ToString(System.Globalization.CultureInfo.InvariantCulture));
            output.WriteLine($"| {channel} | {string.Join(" | ", counts)} | {mine.Count(o => Converged(o.Expected, o.Actual))}/{mine.Count} |");
        }

        foreach (var (expected, actual) in _orders.Where(o => !Converged(o.Expected, o.Actual)))
        {
            output.WriteLine($"  NOT converged: {expected.OrderId} expected {expected.Status} at {expected.UpdatedAt:O}, found " +
                (actual is null ? "no order" : $"{actual.Order.Status} at {actual.Order.Version.UpdatedAt:O}"));
        }

        PrintLineLevelTruth(output);

        output.WriteLine();
        output.WriteLine($"Quarantined: {_quarantine.Count}");
        foreach (var entry in _quarantine)
        {
            output.WriteLine($"  {entry.Channel} {entry.DeliveryId} ({entry.Topic}): {entry.Reason}");
        }

        output.WriteLine();
        output.WriteLine(AllConverged
            ? $"All {_orders.Count} orders converged on their channel's newest version, whatever the arrival order."
            : "Some orders did not converge (listed above).");
    }

    /// <summary>
    /// The orders whose truth is in their lines rather than in the channel's word: a Walmart line auto-cancelled beside
    /// an open one, and a TikTok refund that only the returns show while TikTok still says DELIVERED.
    /// </summary>
    private void PrintLineLevelTruth(TextWriter output)
    {
        var checkedOrders = _orders.Where(o => o.Expected.CancelledUnits is > 0 || o.Expected.RefundedAmount is > 0).ToList();
        output.WriteLine();
        output.WriteLine("Line-level truth: partial cancellations and refunds");
        output.WriteLine("| order | the channel says | expected | stored | units cancelled / ordered | refunded | |");
        output.WriteLine("|---|---|---|---|---:|---:|---|");
        foreach (var (expected, actual) in checkedOrders)
        {
            var order = actual?.Order;
            var units = order is null ? "-" : $"{order.Lines.Sum(l => l.QuantityCancelled)} / {order.Lines.Sum(l => l.Quantity)}";
            var refunded = order is null ? "-" : $"{order.RefundedAmount:0.00} {order.Currency}";
            output.WriteLine($"| {expected.OrderId} | {expected.ChannelStatus} | {expected.Status} | {order?.Status.ToString() ?? "no order"} | {units} | {refunded} | {(Converged(expected, actual) ? "ok" : "WRONG")} |");
        }
    }

    private static bool Converged(ExpectedOrder expected, StoredOrder? actual) =>
        actual is not null
        && actual.Order.Status == expected.Status
        && actual.Order.Version.UpdatedAt == expected.UpdatedAt
        && (expected.CancelledUnits is not { } cancelled || actual.Order.Lines.Sum(l => l.QuantityCancelled) == cancelled)
        && (expected.RefundedAmount is not { } refunded || actual.Order.RefundedAmount == refunded);
}
