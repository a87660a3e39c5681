using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// <see cref="IAlertStore"/> on container <c>alerts</c> (partition = brand). Every alert write that changes its state
/// (a new alert, an acknowledgement, a resolution, a reopening) is followed by an update of the brand's rollup record
/// (<see cref="AlertRollup"/>: counts per kind and state). Cosmos (and the local server) has no transaction across the
/// two here, so the rollup remembers the changes it counted lately: re-applying one is harmless, and
/// <see cref="RepairCountsAsync"/> recounts what a crash between the two writes left. A rollup that cannot be written
/// now never fails the alert write (<see cref="AlertRollupWriter"/>).
/// </summary>
public sealed class CosmosAlertStore : IAlertStore
{
    /// <summary>Recounts tolerated per sweep of a brand while its alerts keep changing state.</summary>
    private const int MaxRecountAttempts = 5;

    private readonly CosmosDocuments<AlertDocument> _alerts;
    private readonly CosmosDocuments<AlertRollupDocument> _rollups;
    private readonly AlertRollupWriter _rollupWriter;
    private readonly AlertMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<CosmosAlertStore> _logger;

    public CosmosAlertStore(CosmosContainers containers, IOptions<CosmosOptions> options, AlertMetrics metrics, TimeProvider time, ILogger<CosmosAlertStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _alerts = new(containers.Alerts, options.Value.QueryPageSize, logger);
        _rollups = new(containers.Alerts, options.Value.QueryPageSize, logger);
        _rollupWriter = new AlertRollupWriter(_rollups, metrics, time, logger);
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public async Task<Versioned<Alert>?> GetAsync(string brandId, string alertId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(alertId);
        if (!AlertIds.IsWellFormed(alertId))
        {
            return null;
        }

        var read = await _alerts.ReadAsync(AlertDocument.PartitionKeyFor(brandId), alertId, cancellationToken);
        return read is { } found ? new Versioned<Alert>(found.Document.ToDomain(), found.ETag) : null;
    }

    public async Task<Versioned<Alert>> CreateAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var stored = alert with { Revision = 1, StateChangedAt = _time.GetUtcNow() };
        var document = AlertDocument.FromDomain(stored);
        var etag = await _alerts.CreateAsync(document, document.Pk, document.Id, cancellationToken);
        await UpdateRollupAsync(stored.BrandId, [new AlertStateChange(stored.Id, stored.Kind, stored.Revision, null, stored.State)], cancellationToken);
        return new Versioned<Alert>(stored, etag);
    }

    public async Task<Versioned<Alert>> ReplaceAsync(Versioned<Alert> current, Alert replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        if (!string.Equals(current.Value.Id, replacement.Id, StringComparison.Ordinal) || !string.Equals(current.Value.BrandId, replacement.BrandId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Alert {current.Value.Id} of brand {current.Value.BrandId} cannot be replaced by alert {replacement.Id} of brand {replacement.BrandId}.", nameof(replacement));
        }

        var stateChanged = replacement.State != current.Value.State;
        var stored = replacement with
        {
            Revision = current.Value.Revision + 1,
            StateChangedAt = stateChanged ? _time.GetUtcNow() : current.Value.StateChangedAt,
        };
        var document = AlertDocument.FromDomain(stored);
        var etag = await _alerts.ReplaceAsync(document, document.Pk, document.Id, current.ETag, cancellationToken);
        if (stateChanged)
        {
            await UpdateRollupAsync(stored.BrandId, [new AlertStateChange(stored.Id, stored.Kind, stored.Revision, current.Value.State, stored.State)], cancellationToken);
        }

        return new Versioned<Alert>(stored, etag);
    }

    public async Task<IReadOnlyList<Alert>> ListAsync(string brandId, AlertState? state = null, AlertKind? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var (filter, parameters) = ListFilter(state, kind);
        var documents = await _alerts.QueryAsync(
            AlertDocument.PartitionKeyFor(brandId), AlertDocument.DocumentType, filter, "c.lastSeen DESC", parameters, cancellationToken);
        return [.. documents.Select(d => d.ToDomain())];
    }

    /// <remarks>
    /// Keyed on the last sighting, the order the list always had, though it moves: an alert seen again while a client
    /// pages jumps to the first page, so that pass does not list it again further on (a client that wants it starts
    /// over); nothing else moves, so nothing else is skipped or repeated.
    /// </remarks>
    public async Task<Page<Alert>> ListPageAsync(string brandId, AlertState? state, AlertKind? kind, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var (filter, parameters) = ListFilter(state, kind);
        var documents = await KeysetPageQuery.ReadAsync(
            _alerts, AlertDocument.PartitionKeyFor(brandId), AlertDocument.DocumentType, filter, parameters,
            "c.lastSeen", d => d.LastSeen, d => d.Id, page, cancellationToken);
        return new Page<Alert>([.. documents.Items.Select(d => d.ToDomain())], documents.Next);
    }

    private static (string? Filter, List<KeyValuePair<string, object>> Parameters) ListFilter(AlertState? state, AlertKind? kind)
    {
        var filters = new List<string>();
        var parameters = new List<KeyValuePair<string, object>>();
        if (state is { } s)
        {
            filters.Add("c.state = @state");
            parameters.Add(new("@state", s.ToString()));
        }

        if (kind is { } k)
        {
            filters.Add("c.kind = @kind");
            parameters.Add(new("@kind", k.Slug()));
        }

        return (filters.Count == 0 ? null : string.Join(" AND ", filters), parameters);
    }

    public async Task<IReadOnlyList<Alert>> ListUnresolvedSinceAsync(string brandId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);

        // Resolved by at means its state last changed by then (the store stamps the change after the resolution's own time),
        // unless it was raised again since, which moves its last sighting past at.
        var since = CosmosValues.SortableUtc(at);
        var documents = await _alerts.QueryAsync(
            AlertDocument.PartitionKeyFor(brandId),
            AlertDocument.DocumentType,
            "(c.state != @resolved OR c.stateChangedAt > @at OR c.lastSeen > @at)",
            "c.lastSeen DESC",
            [new("@resolved", nameof(AlertState.Resolved)), new("@at", since)],
            cancellationToken);
        return [.. documents.Select(d => d.ToDomain())];
    }

    public async Task<IReadOnlyList<Alert>> ListPendingNotificationsAsync(string brandId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var documents = await _alerts.QueryAsync(
            AlertDocument.PartitionKeyFor(brandId), AlertDocument.DocumentType, "c.notifyPending = true", "c.lastSeen DESC", [], cancellationToken);
        return [.. documents.Select(d => d.ToDomain())];
    }

    public async Task<IReadOnlyList<AlertCount>> CountUnresolvedAsync(string brandId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var read = await _rollups.ReadAsync(AlertDocument.PartitionKeyFor(brandId), AlertRollupDocument.RollupId, cancellationToken);
        return read is { } found ? found.Document.ToDomain(_time.GetUtcNow()).Counts() : [];
    }

    public async Task<int> RepairCountsAsync(string brandId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var pk = AlertDocument.PartitionKeyFor(brandId);
        for (var attempt = 1; attempt <= MaxRecountAttempts; attempt++)
        {
            // The rollup is read before the alerts and written under that read's ETag: if it is written, no other
            // update landed between, so every alert write before the query is either in the query or was counted
            // in what this replaces; a change the query saw but still on its way is marked counted (Recount).
            var read = await _rollups.ReadAsync(pk, AlertRollupDocument.RollupId, cancellationToken);
            var now = _time.GetUtcNow();
            var rollup = read?.Document.ToDomain(now) ?? new AlertRollup();
            var alerts = await _alerts.QueryAsync(
                pk,
                AlertDocument.DocumentType,
                "(c.state != @resolved OR c.stateChangedAt >= @since)",
                "c.lastSeen DESC",
                [new("@resolved", nameof(AlertState.Resolved)), new("@since", CosmosValues.SortableUtc(now - AlertRollup.RecentLifetime))],
                cancellationToken);
            var (recounted, corrections) = rollup.Recount(alerts.Select(d => d.ToDomain()), now);
            if (corrections == 0 && read is { Document.SchemaVersion: AlertRollupDocument.CurrentSchemaVersion })
            {
                // The counts are right: the sweep runs every 5 minutes for every brand, and rewriting an unchanged rollup
                // would cost a write each time and race the brand's raises for its ETag. Skipped, the recount does not mark
                // the changes it saw still on their way as counted; they then apply to the stored rollup as usual, and in the
                // rare case where they offset a miscount of equal size the next sweep finds the difference and writes.
                _metrics.Set(brandId, rollup.Counts());
                return 0;
            }

            var document = AlertRollupDocument.FromDomain(brandId, recounted, now);
            try
            {
                if (read is { } existing)
                {
                    await _rollups.ReplaceAsync(document, pk, document.Id, existing.ETag, cancellationToken);
                }
                else
                {
                    await _rollups.CreateAsync(document, pk, document.Id, cancellationToken);
                }
            }
            catch (ConcurrencyConflictException)
            {
                // A change was counted meanwhile: count again on what is stored now.
                continue;
            }

            _metrics.Set(brandId, recounted.Counts());
            if (corrections > 0)
            {
                _logger.RollupRepaired(brandId, corrections);
            }

            return corrections;
        }

        throw new ConcurrencyConflictException($"The open-alert counts of brand {brandId} changed {MaxRecountAttempts} times while they were being recounted; the next sweep tries again.");
    }

    /// <summary>Test seam: callers of this instance waiting to have their alert counted in the brand's rollup.</summary>
    internal int QueuedRollupWrites => _rollupWriter.Queued;

    private Task<int> UpdateRollupAsync(string brandId, IReadOnlyList<AlertStateChange> changes, CancellationToken cancellationToken) =>
        _rollupWriter.ApplyAsync(brandId, changes, cancellationToken);
}
