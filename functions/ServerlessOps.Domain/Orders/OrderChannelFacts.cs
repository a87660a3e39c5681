namespace ServerlessOps.Domain.Orders;

/// <summary>
/// What the channel says about the order as a whole, beside its lines: the inputs of <see cref="OrderStatusRules"/>
/// that are not unit counts. Each mapper documents how it reads them.
/// </summary>
public sealed record OrderChannelFacts
{
    /// <summary>A paid order released for fulfilment.</summary>
    public static OrderChannelFacts Open { get; } = new();

    /// <summary>Paid (or authorised) and released for fulfilment; false while unpaid, pending or on hold.</summary>
    public bool Released { get; init; } = true;

    /// <summary>The channel or carrier reports every shipped unit delivered (or the order completed).</summary>
    public bool Delivered { get; init; }

    /// <summary>
    /// The channel cancelled the order as a whole (Shopify <c>cancelled_at</c> or a voided payment, Amazon Canceled,
    /// TikTok CANCELLED): Cancelled, even where the lines say a unit had shipped. Mappers also count every unshipped
    /// unit cancelled, so the lines agree.
    /// </summary>
    public bool Cancelled { get; init; }

    /// <summary>
    /// What the channel's payment state says about refunds (Shopify <c>financial_status</c>); it decides only while the
    /// order holds no refund records, which otherwise say more precisely what went back.
    /// </summary>
    public ChannelRefundState Refund { get; init; }
}

/// <summary>A channel's own word on refunds, used when its refund records are not in hand.</summary>
public enum ChannelRefundState
{
    /// <summary>Nothing refunded, or nothing said.</summary>
    None,

    /// <summary>Refunded in part.</summary>
    Partial,

    /// <summary>Refunded in full.</summary>
    Full,
}
