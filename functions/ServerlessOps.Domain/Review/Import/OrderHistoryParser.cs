using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Review.Import;

/// <summary>
/// Turns one order of an order history file into the canonical <see cref="Order"/>, or adds every error found. The status
/// is derived as for webhook orders (<see cref="OrderLedger.Settle"/>) from facts read off the status history: released
/// once paid or shipped, every unit not cancelled shipped once <c>shippedAt</c> or <c>deliveredAt</c> is set, delivered
/// with <c>deliveredAt</c>, cancelled as a whole with <c>cancelledAt</c> (every unit, when nothing shipped), refunds from
/// the refund records. The version is <c>updatedAt</c>, or the latest instant the order names, so the same order met
/// through a webhook converges by the usual rule: the newer version wins.
/// </summary>
public static partial class OrderHistoryParser
{
    public const int MaxIdLength = 100;
    public const int MaxTextLength = 500;

    public static Order? Parse(string brandId, OrderHistoryInput input, List<ImportError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var row = input.Order;
        var values = new ImportValues(row, errors);
        var channel = ImportChannels.Read(values);
        var account = values.Text("channelAccountId", CatalogText.MaxNameLength, required: true);
        var externalId = values.Text("externalOrderId", MaxIdLength, required: true);
        var displayNumber = values.Text("displayNumber", MaxIdLength);
        var channelStatus = values.Text("channelStatus", CatalogText.MaxNameLength);
        var currency = values.Currency("currency");
        var createdAt = values.Instant("createdAt", required: true);
        var updatedAt = values.Instant("updatedAt");
        var timeline = new OrderTimeline
        {
            PaidAt = values.Instant("paidAt"),
            ShippedAt = values.Instant("shippedAt"),
            DeliveredAt = values.Instant("deliveredAt"),
            CancelledAt = values.Instant("cancelledAt"),
            RefundedAt = values.Instant("refundedAt"),
        };
        var fulfilment = values.Choice("fulfilment", Fulfilment.Merchant, ("merchant", Fulfilment.Merchant), ("channel", Fulfilment.Channel));
        var shipBy = values.Instant("shipBy");
        var pricesIncludeTax = values.Boolean("pricesIncludeTax");
        var orderDiscount = values.Decimal("orderDiscount") ?? 0m;
        var shippingPrice = values.Decimal("shippingPrice");
        var shippingTax = values.Decimal("shippingTax");
        var total = values.Decimal("total");
        var cancelReason = values.Text("cancelReason", MaxTextLength);
        CheckTimeline(values, createdAt, updatedAt, timeline);

        var lines = ParseLines(input, errors);
        var fees = ParseFees(input, errors);
        var refunds = ParseRefunds(input, lines, errors);
        if (errors.Count > before || channel is null || account is null || externalId is null || currency is null || createdAt is null || fulfilment is null)
        {
            return null;
        }

        var shipped = timeline.ShippedAt ?? timeline.DeliveredAt;
        var cancelled = timeline.CancelledAt is not null;
        var version = updatedAt ?? Latest(createdAt.Value, timeline, refunds);
        var shipping = shipped is null && shippingPrice is null && shippingTax is null
            ? null
            : new ShippingInfo(null, shippingPrice ?? 0m, shippingTax ?? 0m, 0m, null, null, null, null,
                shipped is { } at ? [new Shipment(null, null, at) { IsDelivered = timeline.DeliveredAt is not null, UpdatedAt = version }] : []);
        var order = new Order
        {
            BrandId = brandId,
            Channel = channel.Value,
            ChannelAccountId = account,
            ExternalOrderId = externalId,
            DisplayNumber = displayNumber,
            Status = OrderStatus.Pending,
            ChannelStatus = channelStatus ?? string.Empty,
            ChannelFacts = new OrderChannelFacts { Released = timeline.PaidAt is not null || shipped is not null, Delivered = timeline.DeliveredAt is not null, Cancelled = cancelled },
            Currency = currency,
            PricesIncludeTax = pricesIncludeTax,
            Lines = [.. lines.Select(l => Settled(l.Line, shipped is not null, cancelled))],
            Shipping = shipping,
            Fees = fees,
            Refunds = refunds,
            OrderDiscount = orderDiscount,
            Total = total,
            PlacedAt = createdAt.Value,
            Version = new OrderVersion(version),
            CancelReason = cancelReason,
            ShipBy = shipBy,
            FulfilledByChannel = fulfilment == Fulfilment.Channel,
            Timeline = timeline,
        };
        var settled = OrderLedger.Settle(order);
        return channelStatus is null ? settled with { ChannelStatus = settled.Status.ToString() } : settled;
    }

    /// <summary>The units a line's status history implies: all not cancelled shipped once the order shipped; all cancelled when it was cancelled unshipped.</summary>
    private static OrderLine Settled(OrderLine line, bool shipped, bool cancelled)
    {
        var cancelledUnits = cancelled && !shipped ? line.Quantity : line.QuantityCancelled;
        return line with { QuantityCancelled = cancelledUnits, QuantityShipped = shipped ? line.Quantity - cancelledUnits : 0 };
    }

    /// <summary>Each status instant is at or after creation, and at or before the version when one is given.</summary>
    private static void CheckTimeline(ImportValues values, DateTimeOffset? createdAt, DateTimeOffset? updatedAt, OrderTimeline timeline)
    {
        if (createdAt is { } created && updatedAt is { } updated && updated < created)
        {
            values.Add("updatedAt", $"updatedAt ({updated:O}) is before createdAt ({created:O}).");
        }

        var instants = new[] { timeline.PaidAt, timeline.ShippedAt, timeline.DeliveredAt, timeline.CancelledAt, timeline.RefundedAt };
        for (var i = 0; i < instants.Length; i++)
        {
            var field = OrderHistoryFields.Timeline[i];
            if (instants[i] is not { } at)
            {
                continue;
            }

            if (createdAt is { } start && at < start)
            {
                values.Add(field, $"{field} ({at:O}) is before createdAt ({start:O}).");
            }
            else if (updatedAt is { } end && at > end)
            {
                values.Add(field, $"{field} ({at:O}) is after updatedAt ({end:O}), the order's version; the version is the latest change.");
            }
        }

        if (timeline.DeliveredAt is { } delivered && timeline.ShippedAt is { } shippedAt && delivered < shippedAt)
        {
            values.Add("deliveredAt", $"deliveredAt ({delivered:O}) is before shippedAt ({shippedAt:O}).");
        }
    }

    private static DateTimeOffset Latest(DateTimeOffset createdAt, OrderTimeline timeline, IReadOnlyList<OrderRefund> refunds) =>
        new[] { createdAt, timeline.PaidAt, timeline.ShippedAt, timeline.DeliveredAt, timeline.CancelledAt, timeline.RefundedAt }
            .Concat(refunds.Select(r => (DateTimeOffset?)r.RefundedAt))
            .Max()!.Value;

    private enum Fulfilment
    {
        Merchant,
        Channel,
    }
}
