namespace ServerlessOps.Domain.Orders;

/// <summary>
/// Facts an order holds by their own ids, so that no snapshot, however late, loses one and no fact seen twice
/// counts twice: settlement fees by their source id (<see cref="OrderFee.SourceId"/>), refunds by refund id (a later <see cref="OrderRefund.RefundedAt"/> replaces an earlier record of the
/// same refund) and identified shipments by shipment id (a later <see cref="Shipment.UpdatedAt"/> wins). Shipments the
/// channel does not identify belong to the snapshot alone. Everything returned is settled (<see cref="OrderLedger"/>).
/// </summary>
public static class OrderFacts
{
    /// <summary>
    /// <paramref name="snapshot"/> with the facts of <paramref name="other"/> it lacks or holds in an older version.
    /// <c>Changed</c> says whether any fact of <paramref name="other"/> was taken: false means the snapshot already knew
    /// everything, so a delivery that brought only <paramref name="other"/> changed nothing.
    /// </summary>
    public static (Order Order, bool Changed) Merge(Order snapshot, Order other)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(other);
        var (order, changed) = Fold(snapshot, other.Shipping?.Shipments.Where(s => s.Id is not null).ToList() ?? [], other.Refunds);

        // Fees with their own id (settlement rows) are facts too: a webhook snapshot carries no fees and must not drop them.
        var held = order.Fees.Where(f => f.SourceId is not null).Select(f => f.SourceId!).ToHashSet(StringComparer.Ordinal);
        var missing = other.Fees.Where(f => f.SourceId is not null && held.Add(f.SourceId)).ToList();
        if (missing.Count > 0)
        {
            order = order with { Fees = [.. order.Fees, .. missing] };
            changed = true;
        }

        var (known, learned) = KeepKnown(order, other);
        return (known, changed || learned);
    }

    /// <summary>
    /// Ship-by, who fulfils and the timeline's instants are known only to some sources (an imported history row, one
    /// channel's re-read): a snapshot that does not state one keeps what <paramref name="other"/> knew, so a newer webhook
    /// never erases the SLA deadline or the instants the review reads. A value the snapshot states wins.
    /// </summary>
    private static (Order Order, bool Changed) KeepKnown(Order snapshot, Order other)
    {
        var timeline = snapshot.Timeline with
        {
            PaidAt = snapshot.Timeline.PaidAt ?? other.Timeline.PaidAt,
            ShippedAt = snapshot.Timeline.ShippedAt ?? other.Timeline.ShippedAt,
            DeliveredAt = snapshot.Timeline.DeliveredAt ?? other.Timeline.DeliveredAt,
            CancelledAt = snapshot.Timeline.CancelledAt ?? other.Timeline.CancelledAt,
            RefundedAt = snapshot.Timeline.RefundedAt ?? other.Timeline.RefundedAt,
        };
        var shipBy = snapshot.ShipBy ?? other.ShipBy;
        var fulfilledByChannel = snapshot.FulfilledByChannel ?? other.FulfilledByChannel;
        if (timeline == snapshot.Timeline && shipBy == snapshot.ShipBy && fulfilledByChannel == snapshot.FulfilledByChannel)
        {
            return (snapshot, false);
        }

        return (snapshot with { Timeline = timeline, ShipBy = shipBy, FulfilledByChannel = fulfilledByChannel }, true);
    }

    /// <summary>Folds partial facts (a Shopify fulfilment or refund webhook) into a stored order; idempotent.</summary>
    public static (Order Order, bool Changed) Fold(Order stored, IReadOnlyList<Shipment> shipments, IReadOnlyList<OrderRefund> refunds)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(shipments);
        ArgumentNullException.ThrowIfNull(refunds);
        var changed = false;

        var mergedRefunds = stored.Refunds.ToList();
        foreach (var refund in refunds)
        {
            var index = mergedRefunds.FindIndex(r => string.Equals(r.Id, refund.Id, StringComparison.Ordinal));
            if (index < 0)
            {
                mergedRefunds.Add(refund);
                changed = true;
            }
            else if (refund.RefundedAt > mergedRefunds[index].RefundedAt)
            {
                mergedRefunds[index] = refund;
                changed = true;
            }
        }

        var mergedShipments = (stored.Shipping?.Shipments ?? []).ToList();
        foreach (var shipment in shipments.Where(s => s.Id is not null))
        {
            var index = mergedShipments.FindIndex(s => string.Equals(s.Id, shipment.Id, StringComparison.Ordinal));
            if (index < 0)
            {
                mergedShipments.Add(shipment);
                changed = true;
            }
            else if ((shipment.UpdatedAt ?? DateTimeOffset.MinValue) > (mergedShipments[index].UpdatedAt ?? DateTimeOffset.MinValue))
            {
                mergedShipments[index] = shipment;
                changed = true;
            }
        }

        if (!changed)
        {
            return (OrderLedger.Settle(stored), false);
        }

        // An order that knew nothing of its shipping now knows a parcel: nothing charged for shipping was reported.
        var shipping = stored.Shipping is { } known
            ? known with { Shipments = mergedShipments }
            : new ShippingInfo(null, 0m, 0m, 0m, null, null, null, null, mergedShipments);
        return (OrderLedger.Settle(stored with { Refunds = mergedRefunds, Shipping = shipping }), true);
    }
}
