namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// A brand's open-alert counts, kept in one small record beside its alerts so the metrics read one record per brand
/// instead of querying. It holds each unresolved alert's kind, state and revision (and resolved ones for a day, as
/// tombstones) rather than bare counters, so applying a change is idempotent and order-proof: an entry only
/// replaces an older revision of the same alert. A retried or reordered update cannot count an alert twice or
/// resurrect a resolved one; the retry timer repairs what a crash between the two writes left behind.
/// </summary>
public sealed record AlertRollup
{
    /// <summary>How long a resolved alert's tombstone is kept: far longer than any write of the same alert can be delayed.</summary>
    public static readonly TimeSpan TombstoneLifetime = TimeSpan.FromDays(1);

    public IReadOnlyDictionary<string, AlertRollupEntry> Entries { get; init; } = new Dictionary<string, AlertRollupEntry>();

    /// <summary>The rollup with <paramref name="entry"/> for <paramref name="alertId"/>, or null when it knows that revision or a newer one already.</summary>
    public AlertRollup? Apply(string alertId, AlertRollupEntry entry, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alertId);
        ArgumentNullException.ThrowIfNull(entry);
        if (Entries.TryGetValue(alertId, out var known) && known.Revision >= entry.Revision)
        {
            return null;
        }

        var entries = Entries
            .Where(e => e.Key != alertId && (e.Value.State != AlertState.Resolved || e.Value.At > now - TombstoneLifetime))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        entries[alertId] = entry;
        return this with { Entries = entries };
    }

    /// <summary>Unresolved alerts per kind and state; kinds and states with none are left out.</summary>
    public IReadOnlyList<AlertCount> Counts() =>
        [.. Entries.Values
            .Where(e => e.State != AlertState.Resolved)
            .GroupBy(e => (e.Kind, e.State))
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.State)
            .Select(g => new AlertCount(g.Key.Kind, g.Key.State, g.Count()))];
}
