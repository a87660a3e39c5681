using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Paging;

namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// A brand's alerts and their open counts, partitioned by brand. Writes carry ETags; a lost race is a
/// <see cref="ConcurrencyConflictException"/>, after which the caller reads again and decides again.
/// </summary>
public interface IAlertStore
{
    Task<Versioned<Alert>?> GetAsync(string brandId, string alertId, CancellationToken cancellationToken = default);

    /// <summary>Creates the alert under its deterministic id; a <see cref="ConcurrencyConflictException"/> when another writer created it first.</summary>
    Task<Versioned<Alert>> CreateAsync(Alert alert, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces <paramref name="current"/> (read at its ETag) with <paramref name="replacement"/>, one revision later; a
    /// <see cref="ConcurrencyConflictException"/> when it changed since. Returns what was stored.
    /// </summary>
    Task<Versioned<Alert>> ReplaceAsync(Versioned<Alert> current, Alert replacement, CancellationToken cancellationToken = default);

    /// <summary>A brand's alerts, most recently seen first, optionally of one state and one kind.</summary>
    Task<IReadOnlyList<Alert>> ListAsync(string brandId, AlertState? state = null, AlertKind? kind = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a brand's alerts, most recently seen first (ties by stored id, descending), optionally of one state and
    /// one kind: what the API lists, since a brand keeps an alert per late order, short SKU or failed push it ever had.
    /// </summary>
    Task<Page<Alert>> ListPageAsync(string brandId, AlertState? state, AlertKind? kind, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// A brand's alerts that may have been unresolved at <paramref name="at"/>: every unresolved one, and every one seen or
    /// resolved after it (a superset; <see cref="AlertsOpenAt"/> decides). A record written before state changes were
    /// timed is left out once resolved.
    /// </summary>
    Task<IReadOnlyList<Alert>> ListUnresolvedSinceAsync(string brandId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>A brand's alerts with a notification still pending.</summary>
    Task<IReadOnlyList<Alert>> ListPendingNotificationsAsync(string brandId, CancellationToken cancellationToken = default);

    /// <summary>A brand's unresolved alerts per kind and state, from its rollup record (one point read).</summary>
    Task<IReadOnlyList<AlertCount>> CountUnresolvedAsync(string brandId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings the brand's rollup in line with its alerts (after a crash between an alert write and its rollup update):
    /// recounts them. Returns by how many alerts the counts were off.
    /// </summary>
    Task<int> RepairCountsAsync(string brandId, CancellationToken cancellationToken = default);
}
