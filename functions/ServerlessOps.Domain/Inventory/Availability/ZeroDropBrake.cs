namespace ServerlessOps.Domain.Inventory.Availability;

/// <summary>
/// The brake on mass drops to zero: a bad count import can empty every storefront at once, so once more than
/// <c>maxDrops</c> distinct listings of a brand would go from some stock to zero within <c>window</c>, further drops
/// are held for a person to confirm instead of pushed. The first <c>maxDrops</c> go out (a few sell-outs are normal).
/// </summary>
public static class ZeroDropBrake
{
    /// <summary>
    /// Whether the drop of <paramref name="listingKey"/> at <paramref name="now"/> is held, given the drops already
    /// recorded (<paramref name="recentDrops"/>, listing key and time). Drops older than the window do not count; the
    /// same listing dropping again counts once.
    /// </summary>
    public static bool ShouldHold(IEnumerable<(string ListingKey, DateTimeOffset At)> recentDrops, string listingKey, DateTimeOffset now, TimeSpan window, int maxDrops)
    {
        ArgumentNullException.ThrowIfNull(recentDrops);
        ArgumentException.ThrowIfNullOrWhiteSpace(listingKey);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDrops);
        var distinct = recentDrops
            .Where(d => d.At > now - window)
            .Select(d => d.ListingKey)
            .Append(listingKey)
            .Distinct(StringComparer.Ordinal)
            .Count();
        return distinct > maxDrops;
    }
}
