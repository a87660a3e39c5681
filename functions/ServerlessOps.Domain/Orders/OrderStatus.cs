namespace ServerlessOps.Domain.Orders;

/// <summary>
/// The canonical order lifecycle, shared by every channel and derived from the order's lines and the channel's
/// facts by <see cref="OrderStatusRules"/> (README.md in this folder has the table). The channel's own status is kept
/// verbatim in <see cref="Order.ChannelStatus"/>. Stored by member name: add members, never rename them.
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

    /// <summary>Every unit cancelled, by buyer, seller or channel.</summary>
    Cancelled,

    /// <summary>Money returned in part.</summary>
    PartiallyRefunded,

    /// <summary>Money returned in full.</summary>
    Refunded,

    /// <summary>Some units cancelled, nothing shipped yet, the rest still to ship (a Walmart line auto-cancelled).</summary>
    PartiallyCancelled,
}
