namespace ServerlessOps.Domain.Inventory.Drift;

/// <summary>
/// One repair of a drifted listing (or a change never pushed, marked for its push), as the audit keeps it: what the
/// channel said on both reads, what we had pushed, what the repair pushed (null when the push did not go out: paused,
/// held, failed; <paramref name="Outcome"/> says), why, and when. Modelled on the registry's audit entries: who acted is the drift checker, so no actor field.
/// </summary>
/// <param name="At">When the repair was decided (the second read).</param>
/// <param name="FirstSeenAt">When the first read saw the drift.</param>
/// <param name="FirstChannelQuantity">What the channel showed on the first read.</param>
/// <param name="ChannelQuantity">What the channel showed on the second read.</param>
/// <param name="Expected">What we had last pushed: the quantity the channel should have shown.</param>
/// <param name="Pushed">The quantity the repair pushed (the truth when it ran), or null.</param>
/// <param name="Outcome">The push worker's outcome (Pushed, Unchanged, Paused, Held, Failed, Busy, ...).</param>
/// <param name="Why">In words: why it was repaired and what the truth was made of.</param>
/// <param name="Truth">
/// A change never pushed (outcome <c>Marked</c>): the quantity the truth gave when the channel, in step with what we had
/// last pushed, was read (one read: <paramref name="FirstSeenAt"/> is <paramref name="At"/>); the push it queued pushes
/// the truth as it is when it runs. Null on repairs, whose push computes it (<paramref name="Pushed"/>).
/// </param>
public sealed record DriftAuditEntry(
    DateTimeOffset At,
    DateTimeOffset FirstSeenAt,
    int FirstChannelQuantity,
    int ChannelQuantity,
    int Expected,
    int? Pushed,
    string Outcome,
    string Why,
    int? Truth = null);
