namespace ServerlessOps.Domain.Orders;

/// <summary>
/// The canonical order lifecycle, shared by every channel. The channel's own status is kept verbatim in
/// <see cref="Order.ChannelStatus"/>; this is the normalised reading of it.
/// </summary>
public enum OrderStatus
{
    /// <summary>Placed but not yet paid or not yet released by the channel (Amazon Pending, TikTok UNPAID/ON_HOLD).</summary>
    Pending,

    /// <summary>Paid and waiting to ship.</summary>
    AwaitingFulfilment,

    /// <summary>Some lines or units shipped.</summary>
    PartiallyFulfilled,

    /// <summary>Everything shipped.</summary>
    Fulfilled,

    /// <summary>Delivered or completed according to the channel.</summary>
    Delivered,

    /// <summary>Cancelled by buyer, seller or channel.</summary>
    Cancelled,

    /// <summary>Money returned in part.</summary>
    PartiallyRefunded,

    /// <summary>Money returned in full.</summary>
    Refunded,
}
