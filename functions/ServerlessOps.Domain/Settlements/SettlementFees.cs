using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Settlements;

/// <summary>
/// Settlement fee lines as an order's charged fees (<see cref="Order.Fees"/>), the figures the review's fees-above-schedule
/// rule and P&amp;L read. A fee line of −3.15 is a charged fee of 3.15 (a fee the channel gave back, +0.40 on a refund, is
/// −0.40). Each fee carries its settlement row as <see cref="OrderFee.SourceId"/>, so applying the same rows again
/// changes nothing and a later webhook snapshot keeps them (<see cref="OrderFacts.Merge"/>).
/// </summary>
public static class SettlementFees
{
    /// <summary>The <see cref="OrderFee.SourceId"/> of a settlement row: <c>settlement:{channel slug}:{transaction id}</c>.</summary>
    public static string SourceIdOf(SettlementLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return $"settlement:{line.Channel.Slug()}:{line.TransactionId}";
    }

    /// <summary>
    /// <paramref name="order"/> with the fee lines among <paramref name="lines"/> it does not hold yet, recorded at
    /// <paramref name="recordedAt"/> (when the truth learned of them: a fee recorded after its order's month closed is that
    /// later month's restatement). A line's fee goes to the order line whose id or SKU it names, else to the order.
    /// Changed is false when every fee was already there.
    /// </summary>
    /// <exception cref="InvalidOperationException">A line is for another order, or in another currency than the order.</exception>
    public static (Order Order, bool Changed) Apply(Order order, IEnumerable<SettlementLine> lines, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(lines);
        var held = order.Fees.Where(f => f.SourceId is not null).Select(f => f.SourceId!).ToHashSet(StringComparer.Ordinal);
        var added = new List<OrderFee>();
        foreach (var line in lines.Where(l => l.Kind == SettlementKind.Fee))
        {
            if (line.Channel != order.Channel || !string.Equals(line.ExternalOrderId, order.ExternalOrderId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Settlement row {line.TransactionId} is for {line.Channel} order {line.ExternalOrderId}, not order {order.Id}.");
            }

            if (!string.Equals(line.Currency, order.Currency, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"Settlement row {line.TransactionId} of order {order.Id} is in {line.Currency} but the order is in {order.Currency}; the fee cannot be charged to it.");
            }

            var sourceId = SourceIdOf(line);
            if (held.Add(sourceId))
            {
                added.Add(new OrderFee(line.FeeType ?? "fee", -line.Amount)
                {
                    LineId = LineOf(order, line),
                    SourceId = sourceId,
                    RecordedAt = recordedAt,
                });
            }
        }

        return added.Count == 0 ? (order, false) : (order with { Fees = [.. order.Fees, .. added] }, true);
    }

    private static string? LineOf(Order order, SettlementLine line)
    {
        if (line.LineId is { } id && order.Lines.Any(l => l.LineId == id))
        {
            return id;
        }

        return line.Sku is { } sku && order.Lines.Where(l => l.Sku == sku || l.SellerSku == sku).ToList() is [var only] ? only.LineId : null;
    }
}
