using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// Applies alerts' state changes to a brand's rollup record under its ETag, as a group commit: within one process,
/// writes for one brand go one at a time and each takes every change waiting by then, so a burst (150 orders of one brand short of
/// stock at once) costs a few read-modify-writes instead of 150 racing each other. Across processes the ETag decides
/// and the loser re-reads. Never throws but for cancellation: a rollup that cannot be written now is repaired later.
/// </summary>
internal sealed class AlertRollupWriter
{
    /// <summary>Lost races tolerated per group (other instances writing the same brand's rollup).</summary>
    private const int MaxAttempts = 12;

    private readonly CosmosDocuments<AlertRollupDocument> _rollups;
    private readonly AlertMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, BrandGroup> _groups = new(StringComparer.Ordinal);

    public AlertRollupWriter(CosmosDocuments<AlertRollupDocument> rollups, AlertMetrics metrics, TimeProvider time, ILogger logger)
    {
        _rollups = rollups;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <returns>How many of the changes written with this group changed the rollup (0 when it could not be written).</returns>
    public async Task<int> ApplyAsync(string brandId, IReadOnlyList<AlertStateChange> changes, CancellationToken cancellationToken)
    {
        var group = _groups.GetOrAdd(brandId, _ => new BrandGroup());
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (group.Pending)
        {
            group.Pending.Add((changes, done));
        }

        await group.Gate.WaitAsync(cancellationToken);
        try
        {
            if (!done.Task.IsCompleted)
            {
                List<(IReadOnlyList<AlertStateChange> Changes, TaskCompletionSource<int> Done)> batch;
                lock (group.Pending)
                {
                    batch = [.. group.Pending];
                    group.Pending.Clear();
                }

                try
                {
                    var applied = await WriteAsync(brandId, [.. batch.SelectMany(b => b.Changes)], cancellationToken);
                    foreach (var waiting in batch)
                    {
                        waiting.Done.TrySetResult(applied);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // This caller gave up; those it was writing for did not. Each of them still waits for the gate, and
                    // finds its changes back in the queue instead of waiting forever for a write nobody is doing.
                    lock (group.Pending)
                    {
                        group.Pending.InsertRange(0, batch.Where(b => b.Done != done));
                    }

                    throw;
                }
                catch (Exception e)
                {
                    foreach (var waiting in batch)
                    {
                        waiting.Done.TrySetException(e);
                    }
                }
            }
        }
        finally
        {
            group.Gate.Release();
        }

        return await done.Task;
    }

    private async Task<int> WriteAsync(string brandId, IReadOnlyList<AlertStateChange> changes, CancellationToken cancellationToken)
    {
        var pk = AlertDocument.PartitionKeyFor(brandId);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                var read = await _rollups.ReadAsync(pk, AlertRollupDocument.RollupId, cancellationToken);
                var now = _time.GetUtcNow();
                var rollup = read?.Document.ToDomain(now) ?? new AlertRollup();
                var applied = 0;
                foreach (var change in changes)
                {
                    if (rollup.Apply(change, now) is { } next)
                    {
                        rollup = next;
                        applied++;
                    }
                }

                if (applied > 0)
                {
                    var document = AlertRollupDocument.FromDomain(brandId, rollup, now);
                    if (read is { } existing)
                    {
                        await _rollups.ReplaceAsync(document, pk, document.Id, existing.ETag, cancellationToken);
                    }
                    else
                    {
                        await _rollups.CreateAsync(document, pk, document.Id, cancellationToken);
                    }
                }

                _metrics.Set(brandId, rollup.Counts());
                return applied;
            }
            catch (ConcurrencyConflictException)
            {
                // Another instance changed the rollup first: read it again after a short, spread-out pause (real
                // time, not the injected clock: it paces this process's retries and means nothing to the domain).
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), cancellationToken);
            }
            catch (StoreUnavailableException e)
            {
                _logger.RollupNotUpdated(brandId, e.Message);
                return 0;
            }
        }

        _logger.RollupNotUpdated(brandId, $"lost {MaxAttempts} races for the rollup record");
        return 0;
    }

    /// <summary>Test seam: callers of this process whose changes wait for a rollup write and are not yet in one.</summary>
    internal int Queued => _groups.Values.Sum(group =>
    {
        lock (group.Pending)
        {
            return group.Pending.Count;
        }
    });

    private sealed class BrandGroup
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public List<(IReadOnlyList<AlertStateChange> Changes, TaskCompletionSource<int> Done)> Pending { get; } = [];
    }
}
