namespace ServerlessOps.Domain.Orders;

/// <summary>
/// Settles what follows from an order's facts, so every channel's order reads the same way: per line, the units
/// shipped (from the shipments where they name their lines), returned and refunded and the money refunded (from the
/// refunds); the delivered fact where shipments carry it; and the status (<see cref="OrderStatusRules"/>). Mappers
/// return settled orders, and every merge settles again. Pure and idempotent: settling twice changes nothing.
/// </summary>
public static class OrderLedger
{
    public static Order Settle(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var shipments = order.Shipping?.Shipments ?? [];
        var byLines = shipments.Any(s => s.Lines.Count > 0);
        var shippedByLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var shipment in shipments.Where(s => s.IsShipped))
        {
            foreach (var line in shipment.Lines)
            {
                shippedByLine[line.LineId] = shippedByLine.GetValueOrDefault(line.LineId) + line.Quantity;
            }
        }

        var refundLines = order.Refunds.SelectMany(r => r.Lines).ToLookup(l => l.LineId, StringComparer.Ordinal);
        var lines = order.Lines.Select(line =>
        {
            var refunds = refundLines[line.LineId].ToList();
            var cancelled = Math.Clamp(line.QuantityCancelled, 0, line.Quantity);
            var shipped = byLines ? shippedByLine.GetValueOrDefault(line.LineId) : line.QuantityShipped;
            return line with
            {
                QuantityCancelled = cancelled,
                QuantityShipped = Math.Clamp(shipped, 0, line.Quantity - cancelled),
                QuantityRefunded = Math.Min(line.Quantity, refunds.Sum(r => r.Quantity)),
                QuantityReturned = Math.Min(line.Quantity, refunds.Where(r => r.Returned).Sum(r => r.Quantity)),
                RefundedAmount = refunds.Sum(r => r.Amount + r.Tax),
            };
        }).ToList();

        var facts = order.ChannelFacts;
        if (byLines)
        {
            var counted = shipments.Where(s => s.IsShipped).ToList();
            facts = facts with { Delivered = counted.Count > 0 && counted.All(s => s.IsDelivered) };
        }

        var settled = order with { Lines = lines, ChannelFacts = facts };
        return settled with { Status = OrderStatusRules.Derive(settled) };
    }
}
