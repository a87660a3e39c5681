namespace ServerlessOps.Domain.Orders;

/// <summary>
/// The order's canonical status, derived from its lines' unit counts, its refunds and the channel's facts, the same
/// way for every channel (README.md in this folder has the table). First rule that holds wins; "active" units are
/// the ordered ones not cancelled.
/// </summary>
public static class OrderStatusRules
{
    public static OrderStatus Derive(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var lines = order.Lines;
        var facts = order.ChannelFacts;
        var ordered = lines.Sum(l => l.Quantity);
        var cancelled = lines.Sum(l => Math.Clamp(l.QuantityCancelled, 0, l.Quantity));
        var active = ordered - cancelled;
        var shipped = lines.Sum(l => Math.Clamp(l.QuantityShipped, 0, l.Quantity - Math.Clamp(l.QuantityCancelled, 0, l.Quantity)));

        // 1. Nothing left to sell, or the channel cancelled the whole order.
        if ((ordered > 0 && active <= 0) || facts.Cancelled)
        {
            return OrderStatus.Cancelled;
        }

        // 2-3. Refunds of units the buyer kept or sent back (a refund of cancelled units belongs to the cancellation),
        // or of money alone (no units named).
        var keptRefunds = order.Refunds.SelectMany(r => r.Lines).Where(l => !l.Cancelled).ToLookup(l => l.LineId, StringComparer.Ordinal);
        var refundedKept = lines.Sum(l => Math.Min(l.Quantity - Math.Clamp(l.QuantityCancelled, 0, l.Quantity), keptRefunds[l.LineId].Sum(r => r.Quantity)));
        var moneyOnly = order.Refunds.Any(r => r.Amount > 0 && (r.Lines.Count == 0 || r.Lines.Any(l => l.Quantity == 0 && l.Amount + l.Tax > 0)));
        var refunded = order.Refunds.Sum(r => r.Amount);

        // The channel's own word counts only where its refund records are not in hand: with them, they decide (a
        // Shopify partial cancellation is "partially_refunded" in Shopify's words, yet its refund is the cancellation's).
        var channelSays = order.Refunds.Count == 0 ? facts.Refund : ChannelRefundState.None;
        if ((active > 0 && refundedKept >= active)
            || channelSays == ChannelRefundState.Full
            || (order.Total is > 0m && refunded >= order.Total))
        {
            return OrderStatus.Refunded;
        }

        if (refundedKept > 0 || moneyOnly || channelSays == ChannelRefundState.Partial)
        {
            return OrderStatus.PartiallyRefunded;
        }

        // 4-6. How far shipping went for the units still sold.
        if (active > 0 && shipped >= active)
        {
            return facts.Delivered ? OrderStatus.Delivered : OrderStatus.Fulfilled;
        }

        if (shipped > 0)
        {
            return OrderStatus.PartiallyFulfilled;
        }

        // 7-9. Nothing shipped yet.
        if (!facts.Released)
        {
            return OrderStatus.Pending;
        }

        return cancelled > 0 ? OrderStatus.PartiallyCancelled : OrderStatus.AwaitingFulfilment;
    }
}
