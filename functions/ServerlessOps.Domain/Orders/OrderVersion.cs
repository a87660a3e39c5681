namespace ServerlessOps.Domain.Orders;

/// <summary>
/// The channel's own version of an order: deliveries converge on it, never on arrival order.
/// <see cref="UpdatedAt"/> is the channel's updated-at (Shopify <c>updated_at</c>, Amazon <c>LastUpdateDate</c>,
/// Walmart latest line <c>statusDate</c>, TikTok <c>update_time</c>); <see cref="TieBreak"/> orders two
/// snapshots with the same updated-at (Shopify <c>X-Shopify-Triggered-At</c>), and when both are equal the
/// later status in the lifecycle wins, so a cancel stamped in the same second as the create still lands.
/// </summary>
public sealed record OrderVersion(DateTimeOffset UpdatedAt, DateTimeOffset? TieBreak = null) : IComparable<OrderVersion>
{
    public int CompareTo(OrderVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byUpdate = UpdatedAt.CompareTo(other.UpdatedAt);
        if (byUpdate != 0)
        {
            return byUpdate;
        }

        return (TieBreak ?? DateTimeOffset.MinValue).CompareTo(other.TieBreak ?? DateTimeOffset.MinValue);
    }

    public static bool operator >(OrderVersion left, OrderVersion right) => left.CompareTo(right) > 0;

    public static bool operator <(OrderVersion left, OrderVersion right) => left.CompareTo(right) < 0;

    public static bool operator >=(OrderVersion left, OrderVersion right) => left.CompareTo(right) >= 0;

    public static bool operator <=(OrderVersion left, OrderVersion right) => left.CompareTo(right) <= 0;
}
