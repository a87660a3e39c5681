namespace ServerlessOps.Domain.Inventory.Drift;

/// <summary>
/// When a read-back is drift. The channel should show what we last pushed (<c>expected</c>); a read that differs is
/// remembered as a first observation, and only a second read that still differs, with no push of ours landing between
/// the two (that push would have changed what the channel shows), is persisting drift. A read that agrees clears the
/// observation: the difference converged by itself (our push landed, the channel caught up).
/// </summary>
public static class DriftRules
{
    /// <summary>
    /// Decides one read: <paramref name="channelQuantity"/> against <paramref name="expected"/> (our last pushed quantity,
    /// pushed at <paramref name="lastPushedAt"/>), given the <paramref name="pending"/> first observation, if any.
    /// </summary>
    public static DriftVerdict Decide(int channelQuantity, int expected, DateTimeOffset? lastPushedAt, DriftObservation? pending)
    {
        if (channelQuantity == expected)
        {
            return DriftVerdict.InSync;
        }

        return pending is not null && pending.LastPushedAt == lastPushedAt ? DriftVerdict.Persisting : DriftVerdict.FirstSeen;
    }

    /// <summary>Repairs in the <paramref name="window"/> ending at <paramref name="now"/>: what "drifts repeatedly" counts.</summary>
    public static int RepairsWithin(IEnumerable<DateTimeOffset> repairs, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(repairs);
        return repairs.Count(r => r > now - window && r <= now);
    }
}
