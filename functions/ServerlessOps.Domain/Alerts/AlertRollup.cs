namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// A brand's open-alert counts, kept in one small record beside its alerts so the metrics read one record per brand
/// instead of querying. It holds counters per kind and state, moved by each state change of an alert
/// (<see cref="AlertStateChange"/>), and the changes counted lately per alert (<see cref="Recent"/>), so its size is set
/// by the number of kinds and by how many alerts changed state within <see cref="RecentLifetime"/>, never by how many
/// are unresolved: Cosmos refuses a record over 2 MB, which one entry per unresolved alert reaches at ~18,000.
/// </summary>
/// <remarks>
/// Changes commute (each takes one from the state it left and adds one to the state it entered), so they may arrive in
/// any order; <see cref="Recent"/> makes a change applied twice (a retried write) count once. What a crash between an
/// alert's write and its rollup update leaves behind, <see cref="Recount"/> mends from the alerts themselves.
/// </remarks>
public sealed record AlertRollup
{
    /// <summary>
    /// How long a counted change is remembered: far longer than a change can be on its way from the alert's write to
    /// the rollup's (seconds). A change arriving later still would count twice until the next recount mends it.
    /// </summary>
    public static readonly TimeSpan RecentLifetime = TimeSpan.FromHours(1);

    /// <summary>Unresolved alerts per kind and state. A counter may dip below zero while a change overtakes an earlier one.</summary>
    public IReadOnlyList<AlertCount> Counted { get; init; } = [];

    /// <summary>Per alert id, the changes counted within <see cref="RecentLifetime"/>.</summary>
    public IReadOnlyDictionary<string, AlertRollupChanges> Recent { get; init; } = new Dictionary<string, AlertRollupChanges>();

    /// <summary>The rollup with <paramref name="change"/> counted, or null when it is counted already.</summary>
    public AlertRollup? Apply(AlertStateChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        var recent = Prune(now);
        recent.TryGetValue(change.AlertId, out var known);
        if (known is not null && known.Counts(change.Revision))
        {
            return null;
        }

        var counted = Counted.ToDictionary(c => (c.Kind, c.State), c => c.Count);
        if (change.From is { } from && from != change.To)
        {
            Add(counted, change.Kind, from, -1);
        }

        if (change.From != change.To)
        {
            Add(counted, change.Kind, change.To, 1);
        }

        recent[change.AlertId] = known?.With(change.Revision, now) ?? new AlertRollupChanges(0, [change.Revision], now);
        return new AlertRollup { Counted = Sorted(counted), Recent = recent };
    }

    /// <summary>
    /// The counts taken afresh from <paramref name="alerts"/>, read after this rollup: every unresolved alert of the
    /// brand, and every alert whose state changed within <see cref="RecentLifetime"/>. Each of the latter is marked
    /// counted through the revision read, so its changes still on their way to the rollup are not counted twice.
    /// </summary>
    /// <returns>The recounted rollup, and by how many alerts the counts were off.</returns>
    public (AlertRollup Rollup, int Corrections) Recount(IEnumerable<Alert> alerts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var recent = Prune(now);
        var counted = new Dictionary<(AlertKind, AlertState), int>();
        foreach (var alert in alerts)
        {
            if (alert.IsUnresolved)
            {
                Add(counted, alert.Kind, alert.State, 1);
            }

            if (alert.StateChangedAt is { } changedAt && changedAt > now - RecentLifetime)
            {
                recent[alert.Id] = recent.TryGetValue(alert.Id, out var known)
                    ? known.Through(alert.Revision, now)
                    : new AlertRollupChanges(alert.Revision, [], now);
            }
        }

        // An alert counted in the wrong state is one over in one counter and one under in another: one correction.
        var before = Counted.ToDictionary(c => (c.Kind, c.State), c => c.Count);
        var differences = before.Keys.Union(counted.Keys).Select(key => counted.GetValueOrDefault(key) - before.GetValueOrDefault(key)).ToList();
        var corrections = Math.Max(differences.Where(d => d > 0).Sum(), -differences.Where(d => d < 0).Sum());
        return (new AlertRollup { Counted = Sorted(counted), Recent = recent }, corrections);
    }

    /// <summary>Unresolved alerts per kind and state; kinds and states with none are left out.</summary>
    public IReadOnlyList<AlertCount> Counts() => [.. Counted.Where(c => c.Count > 0)];

    /// <summary>
    /// The rollup of the first schema, which kept one <see cref="AlertRollupEntry"/> per alert: its counts, and its
    /// entries written within <see cref="RecentLifetime"/> as counted through their revision.
    /// </summary>
    public static AlertRollup FromEntries(IReadOnlyDictionary<string, AlertRollupEntry> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var counted = new Dictionary<(AlertKind, AlertState), int>();
        foreach (var entry in entries.Values.Where(e => e.State != AlertState.Resolved))
        {
            Add(counted, entry.Kind, entry.State, 1);
        }

        var recent = entries
            .Where(e => e.Value.At > now - RecentLifetime)
            .ToDictionary(e => e.Key, e => new AlertRollupChanges(e.Value.Revision, [], e.Value.At), StringComparer.Ordinal);
        return new AlertRollup { Counted = Sorted(counted), Recent = recent };
    }

    private Dictionary<string, AlertRollupChanges> Prune(DateTimeOffset now) =>
        Recent.Where(r => r.Value.At > now - RecentLifetime).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);

    private static void Add(Dictionary<(AlertKind, AlertState), int> counted, AlertKind kind, AlertState state, int delta)
    {
        if (state != AlertState.Resolved)
        {
            counted[(kind, state)] = counted.GetValueOrDefault((kind, state)) + delta;
        }
    }

    private static AlertCount[] Sorted(Dictionary<(AlertKind Kind, AlertState State), int> counted) =>
        [.. counted.Where(c => c.Value != 0).OrderBy(c => c.Key.Kind).ThenBy(c => c.Key.State).Select(c => new AlertCount(c.Key.Kind, c.Key.State, c.Value))];
}
