using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// <see cref="IAlertStore"/> on container <c>alerts</c> (partition = brand). Every alert write that changes what the
/// counts see (a new alert, a state change) is followed by an update of the brand's rollup record. Cosmos (and the
/// local server) has no transaction across the two here, so the rollup records per alert the revision it reflects:
/// re-applying is harmless, an older write cannot undo a newer one, and <see cref="RepairCountsAsync"/> mends what a
/// crash between the two writes left. A rollup that cannot be written now never fails the alert write
/// (<see cref="AlertRollupWriter"/>).
/// </summary>
public sealed class CosmosAlertStore : IAlertStore
{
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
        var stored = alert with { Revision = 1 };
        var document = AlertDocument.FromDomain(stored);
        var etag = await _alerts.CreateAsync(document, document.Pk, document.Id, cancellationToken);
        await UpdateRollupAsync(stored.BrandId, [(stored.Id, AlertRollupEntry.Of(stored, _time.GetUtcNow()))], cancellationToken);
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

        var stored = replacement with { Revision = current.Value.Revision + 1 };
        var document = AlertDocument.FromDomain(stored);
        var etag = await _alerts.ReplaceAsync(document, document.Pk, document.Id, current.ETag, cancellationToken);
        if (stored.State != current.Value.State)
        {
            await UpdateRollupAsync(stored.BrandId, [(stored.Id, AlertRollupEntry.Of(stored, _time.GetUtcNow()))], cancellationToken);
        }

        return new Versioned<Alert>(stored, etag);
    }

    public async Task<IReadOnlyList<Alert>> ListAsync(string brandId, AlertState? state = null, AlertKind? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
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

        var documents = await _alerts.QueryAsync(
            AlertDocument.PartitionKeyFor(brandId), AlertDocument.DocumentType, filters.Count == 0 ? null : string.Join(" AND ", filters), "c.lastSeen DESC", parameters, cancellationToken);
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
        return read is { } found ? found.Document.ToDomain().Counts() : [];
    }

    public async Task<int> RepairCountsAsync(string brandId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var pk = AlertDocument.PartitionKeyFor(brandId);
        var rollup = (await _rollups.ReadAsync(pk, AlertRollupDocument.RollupId, cancellationToken))?.Document.ToDomain() ?? new AlertRollup();
        var unresolved = await _alerts.QueryAsync(
            pk, AlertDocument.DocumentType, "c.state != @resolved", "c.lastSeen DESC", [new("@resolved", nameof(AlertState.Resolved))], cancellationToken);
        var now = _time.GetUtcNow();
        var fixes = new List<(string Id, AlertRollupEntry Entry)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alert in unresolved.Select(d => d.ToDomain()))
        {
            seen.Add(alert.Id);
            // Only a differing state needs the rollup (a claim or a repeat changes the revision, not the count);
            // an entry newer than what the query read is left alone.
            if (!rollup.Entries.TryGetValue(alert.Id, out var known) || (known.State != alert.State && known.Revision < alert.Revision))
            {
                fixes.Add((alert.Id, AlertRollupEntry.Of(alert, now)));
            }
        }

        // Counted as unresolved but not found so: resolved since (or a crash lost the rollup's update). Read each
        // to learn its revision, so the fix cannot overwrite a newer entry written meanwhile.
        foreach (var (id, entry) in rollup.Entries.Where(e => e.Value.State != AlertState.Resolved && !seen.Contains(e.Key)))
        {
            var alert = (await _alerts.ReadAsync(pk, id, cancellationToken))?.Document.ToDomain();
            fixes.Add((id, alert is null ? entry with { State = AlertState.Resolved, Revision = int.MaxValue, At = now } : AlertRollupEntry.Of(alert, now)));
        }

        if (fixes.Count == 0)
        {
            _metrics.Set(brandId, rollup.Counts());
            return 0;
        }

        var applied = await UpdateRollupAsync(brandId, fixes, cancellationToken);
        if (applied > 0)
        {
            _logger.RollupRepaired(brandId, applied);
        }

        return applied;
    }

    /// <summary>Test seam: callers of this instance waiting to have their alert counted in the brand's rollup.</summary>
    internal int QueuedRollupWrites => _rollupWriter.Queued;

    private Task<int> UpdateRollupAsync(string brandId, IReadOnlyList<(string Id, AlertRollupEntry Entry)> entries, CancellationToken cancellationToken) =>
        _rollupWriter.ApplyAsync(brandId, entries, cancellationToken);
}
