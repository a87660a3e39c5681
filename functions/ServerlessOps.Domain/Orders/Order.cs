using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Orders;

/// <summary>
/// The canonical order: one per (brand, channel, external order id), whatever channel it came from. Immutable; a
/// newer channel version replaces the snapshot (see <see cref="OrderConvergence"/>), while the facts it holds by
/// their own ids (refunds, identified shipments) are kept across snapshots (<see cref="OrderFacts"/>).
/// <see cref="Status"/> is derived by <see cref="OrderStatusRules"/>; build orders through <see cref="OrderLedger.Settle"/>.
/// </summary>
public sealed record Order
{
    /// <summary>Store id: <c>{channel slug}:{external order id}</c>, unique within a brand.</summary>
    public string Id => OrderId.For(Channel, ExternalOrderId);

    public required string BrandId { get; init; }

    public required SalesChannel Channel { get; init; }

    /// <summary>The channel account the order was placed on (shop domain, seller id, partner id, shop id).</summary>
    public required string ChannelAccountId { get; init; }

    /// <summary>The channel's order id (Shopify numeric id, Amazon order id, Walmart purchase order id, TikTok order id).</summary>
    public required string ExternalOrderId { get; init; }

    /// <summary>What a person calls the order (Shopify <c>#1043</c>, Walmart customer order id), when it differs.</summary>
    public string? DisplayNumber { get; init; }

    /// <summary>Derived from the lines, the refunds and <see cref="ChannelFacts"/> (<see cref="OrderStatusRules"/>).</summary>
    public required OrderStatus Status { get; init; }

    /// <summary>The channel's status text, verbatim, so unknown values are never lost.</summary>
    public required string ChannelStatus { get; init; }

    /// <summary>What the channel says about the order beside its lines: released for fulfilment, delivered, refunded.</summary>
    public OrderChannelFacts ChannelFacts { get; init; } = OrderChannelFacts.Open;

    /// <summary>ISO 4217 code of every amount on the order.</summary>
    public required string Currency { get; init; }

    /// <summary>
    /// Whether the lines' unit prices include tax, as the channel states it per order: Shopify <c>taxes_included</c>;
    /// Amazon by marketplace (VAT-inclusive in Europe, the UK and Japan, tax on top in North America); Walmart US never;
    /// TikTok Shop from its own arithmetic (<c>total_amount</c> = <c>sub_total</c> + shipping + tax means no).
    /// Null when the channel does not say.
    /// </summary>
    public bool? PricesIncludeTax { get; init; }

    public required IReadOnlyList<OrderLine> Lines { get; init; }

    public ShippingInfo? Shipping { get; init; }

    public IReadOnlyList<OrderFee> Fees { get; init; } = [];

    /// <summary>Refunds the channel recorded, by their own ids; the lines' refunded quantities and amounts are their sums.</summary>
    public IReadOnlyList<OrderRefund> Refunds { get; init; } = [];

    /// <summary>Sum of order-level discounts not allocated to a line (lines carry their own).</summary>
    public decimal OrderDiscount { get; init; }

    /// <summary>
    /// The total the buyer paid according to the channel, kept as reported, not recomputed; null when withheld. Not
    /// <c>required</c> because an unknown total is stored as an absent field.
    /// </summary>
    public decimal? Total { get; init; }

    /// <summary>When the buyer placed the order (channel time, UTC offset preserved). Fixed at the first write.</summary>
    public required DateTimeOffset PlacedAt { get; init; }

    public required OrderVersion Version { get; init; }

    /// <summary>
    /// False when the channel withheld parts of the order by design and will give them later (an Amazon order while
    /// Pending has no prices); a later delivery or the backstop poll completes it. Unknown money stays null either way.
    /// </summary>
    public bool IsComplete { get; init; } = true;

    /// <summary>Cancellation reason, when cancelled.</summary>
    public string? CancelReason { get; init; }

    /// <summary>
    /// Placed before the brand's go-live instant (<see cref="Brands.Brand.IsHistory"/>): kept in the truth so reads and
    /// reports see it, but it must never start an order flow or move stock. Set by the converger on every write, whichever
    /// path brought the order (webhook, backstop, replay); flows and stock movements check it first.
    /// </summary>
    public bool IsHistory { get; init; }

    /// <summary>The channel's ship-by deadline, when it states one (the late-shipment rule's yardstick); null when unknown.</summary>
    public DateTimeOffset? ShipBy { get; init; }

    /// <summary>
    /// True when the channel fulfils the order from its own stock (Amazon FBA, Walmart WFS, Fulfilled by TikTok), false when
    /// the merchant ships it; null when the source does not say (webhook mappers leave it unset).
    /// </summary>
    public bool? FulfilledByChannel { get; init; }

    /// <summary>When the order reached each state of its lifecycle, where the source says (imported history does); empty otherwise.</summary>
    public OrderTimeline Timeline { get; init; } = OrderTimeline.Unknown;

    /// <summary>When the order shipped: <see cref="OrderTimeline.ShippedAt"/>, else the first shipped parcel's time; null when unknown.</summary>
    public DateTimeOffset? ShippedAt => Timeline.ShippedAt
        ?? Shipping?.Shipments.Where(s => s.IsShipped && s.ShippedAt is not null).Select(s => s.ShippedAt).Min();

    /// <summary>When the order was delivered, where the source says; null when unknown.</summary>
    public DateTimeOffset? DeliveredAt => Timeline.DeliveredAt;

    /// <summary>The UTC day the order was placed: the key of "a brand's orders for a day".</summary>
    public DateOnly PlacedDay => DateOnly.FromDateTime(PlacedAt.UtcDateTime);

    /// <summary>Σ lines' net amounts; null when any line's price is unknown.</summary>
    public decimal? LinesNet => OrderMoney.Sum(Lines.Select(l => l.NetAmount));

    /// <summary>Σ lines' tax + shipping tax; null when any of them is unknown.</summary>
    public decimal? TaxTotal => OrderMoney.Add(OrderMoney.Sum(Lines.Select(l => l.Tax)), Shipping is null ? 0m : Shipping.Tax);

    /// <summary>Money refunded so far, tax included: Σ <see cref="Refunds"/> amounts.</summary>
    public decimal RefundedAmount => Refunds.Sum(r => r.Amount);
}
