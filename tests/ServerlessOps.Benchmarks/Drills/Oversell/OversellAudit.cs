using System.Globalization;
using System.Net;
using System.Text.Json;
using ServerlessOps.Benchmarks.OrderFlow;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Benchmarks.Drills.Oversell;

/// <summary>What the app's read routes say once the race has settled (see <see cref="OversellAudit"/>).</summary>
/// <param name="OnHand">The SKU's on hand over every location (balances route).</param>
/// <param name="Reserved">Units held by orders (balances route).</param>
/// <param name="ReservedOrders">Orders with an applied reservation (ledger route, by cause).</param>
/// <param name="ReservedTwice">Orders with more than one applied reservation.</param>
/// <param name="LedgerEntries">Entries the ledger route listed; <paramref name="LedgerTruncated"/> when it hit its limit.</param>
/// <param name="BalanceMatchesEntries">On hand and reserved equal the sums of the entries' deltas.</param>
/// <param name="LowestAvailable">The lowest on hand − reserved in applied order: never below zero.</param>
/// <param name="LowestOnHand">The lowest on hand in applied order.</param>
/// <param name="ShortReservations">Open flow exceptions at step reserve, cause short-reservation.</param>
/// <param name="OtherExceptions">Open flow exceptions of any other step or cause.</param>
/// <param name="ReservedAndShort">Orders both reserved and on the short path (must be 0).</param>
/// <param name="StockShortAlerts">stock-short alerts about the short orders, and how many were raised more than once or have no owner.</param>
/// <param name="Stored">Acknowledged orders the order route finds.</param>
/// <param name="EventsPerDelivery">Delivery ids stored once, more than once, and never (channel events of the day).</param>
/// <param name="Listings">Each channel's listing: quantity it should show, last pushed, and whether a push is still pending.</param>
/// <param name="Undecided">Acknowledged orders neither reserved nor short, by their flow's engine status and stage ("no flow" when the flow route answers 404).</param>
internal sealed record OversellTruth(
    int OnHand,
    int Reserved,
    int ReservedOrders,
    int ReservedTwice,
    int LedgerEntries,
    bool LedgerTruncated,
    bool BalanceMatchesEntries,
    int LowestAvailable,
    int LowestOnHand,
    int ShortReservations,
    int OtherExceptions,
    int ReservedAndShort,
    (int Total, int RaisedTwice, int WithoutOwner, int Unmatched) StockShortAlerts,
    int Stored,
    (int Once, int Twice, int Never) EventsPerDelivery,
    IReadOnlyList<(string Channel, int? Quantity, int? LastPushed, bool Pending)> Listings,
    IReadOnlyDictionary<string, int> Undecided);

/// <summary>
/// Reads the race's outcome through the app's own read routes (the operator's key), never the stores: the SKU's
/// balances and ledger, the open flow exceptions, the stock-short alerts, each order, the day's channel events and the
/// listings' available-to-sell.
/// </summary>
internal sealed class OversellAudit(HttpClient api, string brandId, string sku)
{
    private const int LedgerLimit = 1000;

    /// <summary>Reserved units and short reservations so far: the settle loop's cheap test.</summary>
    public async Task<(int Reserved, int Short, bool PushesSettled, int? LastPushedMax)> ProgressAsync(CancellationToken cancellationToken)
    {
        using var balances = await GetAsync($"api/brands/{brandId}/inventory/{sku}/balances", cancellationToken);
        using var exceptions = await GetAsync($"api/brands/{brandId}/exceptions", cancellationToken);
        var listings = await ListingsAsync(cancellationToken);
        return (
            balances.RootElement.GetProperty("reserved").GetInt32(),
            exceptions.RootElement.EnumerateArray().Count(IsShortReservation),
            listings.All(l => !l.Pending && l.LastPushed == l.Quantity),
            listings.Max(l => l.LastPushed));
    }

    public async Task<OversellTruth> ReadAsync(IReadOnlyCollection<OversellDelivery> deliveries, CancellationToken cancellationToken)
    {
        using var balances = await GetAsync($"api/brands/{brandId}/inventory/{sku}/balances", cancellationToken);
        var onHand = balances.RootElement.GetProperty("onHand").GetInt32();
        var reserved = balances.RootElement.GetProperty("reserved").GetInt32();

        using var ledger = await GetAsync($"api/brands/{brandId}/inventory/{sku}/ledger?limit={LedgerLimit}", cancellationToken);
        var entries = ledger.RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => (Kind: e.GetProperty("kind").GetString()!, Cause: e.GetProperty("cause").GetString()!, OnHand: e.GetProperty("onHandDelta").GetInt32(),
                Reserved: e.GetProperty("reservedDelta").GetInt32(), At: e.GetProperty("appliedAt").GetDateTimeOffset()))
            .ToList();
        var (lowestAvailable, lowestOnHand, runningOnHand, runningReserved) = (int.MaxValue, int.MaxValue, 0, 0);
        foreach (var entry in entries.OrderBy(e => e.At))
        {
            runningOnHand += entry.OnHand;
            runningReserved += entry.Reserved;
            lowestOnHand = Math.Min(lowestOnHand, runningOnHand);
            lowestAvailable = Math.Min(lowestAvailable, runningOnHand - runningReserved);
        }

        // A reservation's cause is order:{channel}:{external id}:{line}:reserve...; the order id is the two segments after "order:".
        var reservations = entries.Where(e => e.Kind == "Reserve" && e.Reserved > 0).Select(e => OrderOfCause(e.Cause)).ToList();
        var winners = reservations.ToHashSet(StringComparer.Ordinal);

        using var exceptions = await GetAsync($"api/brands/{brandId}/exceptions", cancellationToken);
        var open = exceptions.RootElement.EnumerateArray().ToList();
        var losers = open.Where(IsShortReservation).Select(e => e.GetProperty("orderId").GetString()!).ToHashSet(StringComparer.Ordinal);

        using var alerts = await GetAsync($"api/brands/{brandId}/alerts?kind=stock-short", cancellationToken);
        var stockShort = alerts.RootElement.EnumerateArray().ToList();
        var alertedOrders = stockShort.Select(a => a.GetProperty("subject").GetProperty("id").GetString()!).ToList();

        var acknowledged = deliveries.Where(d => d.Acknowledged).ToList();
        var stored = 0;
        foreach (var delivery in acknowledged)
        {
            using var response = await api.GetAsync(new Uri($"api/brands/{brandId}/orders/{Uri.EscapeDataString(delivery.Order.OrderId)}", UriKind.Relative), cancellationToken);
            stored += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        var perDelivery = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var day in new[] { DateTime.UtcNow.Date.AddDays(-1), DateTime.UtcNow.Date }.Distinct())
        {
            using var events = await GetAsync($"api/brands/{brandId}/channel-events?day={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", cancellationToken);
            foreach (var item in events.RootElement.EnumerateArray())
            {
                var id = item.GetProperty("channel").GetString() + "|" + item.GetProperty("deliveryId").GetString();
                perDelivery[id] = perDelivery.GetValueOrDefault(id) + 1;
            }
        }

        var undecided = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var delivery in acknowledged.Where(d => !winners.Contains(d.Order.OrderId) && !losers.Contains(d.Order.OrderId)))
        {
            var stage = await FlowStageAsync(delivery.Order, cancellationToken);
            undecided[stage] = undecided.GetValueOrDefault(stage) + 1;
        }

        var counts = acknowledged.Select(d => perDelivery.GetValueOrDefault(ChannelName(d) + "|" + d.Order.Webhook.DeliveryId)).ToList();
        return new OversellTruth(
            onHand,
            reserved,
            winners.Count,
            reservations.GroupBy(o => o, StringComparer.Ordinal).Count(g => g.Count() > 1),
            entries.Count,
            entries.Count >= LedgerLimit,
            entries.Sum(e => e.OnHand) == onHand && entries.Sum(e => e.Reserved) == reserved,
            entries.Count == 0 ? 0 : lowestAvailable,
            entries.Count == 0 ? 0 : lowestOnHand,
            losers.Count,
            open.Count(e => !IsShortReservation(e)),
            losers.Count(winners.Contains),
            (stockShort.Count,
                stockShort.Count(a => a.GetProperty("occurrences").GetInt32() != 1),
                stockShort.Count(a => a.TryGetProperty("owner", out var owner) && owner.ValueKind != JsonValueKind.String),
                losers.Count(o => alertedOrders.Count(a => a == o) != 1) + alertedOrders.Count(a => !losers.Contains(a))),
            stored,
            (counts.Count(c => c == 1), counts.Count(c => c > 1), counts.Count(c => c == 0)),
            await ListingsAsync(cancellationToken),
            undecided);
    }

    /// <summary>"{engine status} {stage}" of an order's flow, from the flow route.</summary>
    private async Task<string> FlowStageAsync(NewOrder order, CancellationToken cancellationToken)
    {
        var path = $"api/brands/{brandId}/orders/{order.Channel.Slug()}/{Uri.EscapeDataString(order.ExternalOrderId)}/flow";
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return "no flow";
        }

        using var flow = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var status = flow.RootElement.TryGetProperty("runtimeStatus", out var runtime) ? runtime.GetString() : $"HTTP {(int)response.StatusCode}";
        var stage = flow.RootElement.TryGetProperty("status", out var custom) && custom.ValueKind == JsonValueKind.Object
            && (custom.TryGetProperty("Stage", out var value) || custom.TryGetProperty("stage", out value))
            ? value.ValueKind == JsonValueKind.Number && Enum.IsDefined(typeof(FlowStage), value.GetInt32()) ? ((FlowStage)value.GetInt32()).ToString() : value.ToString()
            : "(no stage)";
        return $"{status} {stage}";
    }

    private async Task<IReadOnlyList<(string Channel, int? Quantity, int? LastPushed, bool Pending)>> ListingsAsync(CancellationToken cancellationToken)
    {
        using var view = await GetAsync($"api/brands/{brandId}/inventory/{sku}/available-to-sell", cancellationToken);
        return
        [
            .. view.RootElement.GetProperty("listings").EnumerateArray()
                .Where(l => !l.GetProperty("channelFulfilled").GetBoolean())
                .Select(l => (l.GetProperty("channel").GetString()!, Int(l, "quantity"), Int(l, "lastPushedQuantity"),
                    l.GetProperty("dirty").GetBoolean() || l.GetProperty("pushing").GetBoolean())),
        ];
    }

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static bool IsShortReservation(JsonElement exception) =>
        exception.GetProperty("step").GetString() == "reserve" && exception.GetProperty("cause").GetString() == "short-reservation";

    private static string OrderOfCause(string cause)
    {
        var parts = cause.Split(':');
        return parts.Length >= 3 && parts[0] == "order" ? parts[1] + ":" + parts[2] : cause;
    }

    private static string ChannelName(OversellDelivery delivery) => delivery.Order.Channel.ToString();

    private async Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(body)
            : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
    }
}
