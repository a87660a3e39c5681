using Polly;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>
/// Group commit per balance within this process. Every decision on a balance is a read and an ETag-guarded replace, so
/// one balance takes at most one decision per round trip pair however many callers race for it (~60/s on the local
/// server with 32 callers, most of their time spent losing 412s). Callers of this process that want the same balance
/// queue up instead; one of them (the leader) reads the balance once, decides every queued movement in arrival order
/// and writes them all in one replace, then hands the lead to the next waiter. Other processes still meet on the ETag.
/// The invariant is unchanged: each decision is in the balance's <c>recent</c> before any caller hears of it.
/// </summary>
public sealed partial class CosmosInventoryLedgerStore
{
    /// <summary>Most movements decided in one balance write (bounds the document: <see cref="RecentCapacity"/> + this).</summary>
    internal const int MaxBatch = 20;

    /// <summary>
    /// The balance's decision on <paramref name="movement"/>: found already recorded, recorded now (in a batch with
    /// whatever else this process had queued for the balance), or refused without a record when
    /// <paramref name="recordRefusal"/> is false.
    /// </summary>
    private async Task<BalanceStep> TakeDecisionAsync(StockMovement movement, bool recordRefusal, CancellationToken cancellationToken)
    {
        var key = StockBalanceDocument.PartitionKeyFor(movement.BrandId, movement.Sku) + "\n" + StockBalanceDocument.IdFor(movement.Location);
        var queue = _queues.GetOrAdd(key, static _ => new BalanceQueue());
        var request = new DecisionRequest(movement, recordRefusal);
        lock (queue)
        {
            queue.Waiting.Add(request);
            if (!queue.Leading)
            {
                queue.Leading = true;
                request.Promoted.TrySetResult();
            }
        }

        try
        {
            await Task.WhenAny(request.Done.Task, request.Promoted.Task).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Abandon(key, queue, request);
            throw;
        }

        if (!request.Done.Task.IsCompleted)
        {
            await LeadAsync(key, queue, request, cancellationToken);
        }

        return await request.Done.Task;
    }

    /// <summary>Decides queued batches until this caller's own movement is decided, then passes the lead on.</summary>
    private async Task LeadAsync(string key, BalanceQueue queue, DecisionRequest own, CancellationToken cancellationToken)
    {
        var checkedEntries = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (!own.Done.Task.IsCompleted)
            {
                List<DecisionRequest> batch;
                lock (queue)
                {
                    batch = queue.Waiting.Take(MaxBatch).ToList();
                    queue.Waiting.RemoveRange(0, batch.Count);
                }

                try
                {
                    var steps = await DecideBatchAsync(batch, checkedEntries, cancellationToken);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Done.TrySetResult(steps[i]);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // This caller gave up; the others it was deciding for did not: they go back to the head of the queue.
                    // Not those whose callers gave up meanwhile: promoted, they would lead for nobody and the queue would stall.
                    lock (queue)
                    {
                        queue.Waiting.InsertRange(0, batch.Where(r => r != own && !r.Abandoned));
                    }

                    throw;
                }
                catch (Exception e)
                {
                    foreach (var request in batch)
                    {
                        request.Done.TrySetException(e);
                    }
                }
            }
        }
        finally
        {
            PassLead(key, queue);
        }
    }

    /// <summary>A waiter that gave up: out of the queue, and if it had just been handed the lead, the lead goes on.</summary>
    private void Abandon(string key, BalanceQueue queue, DecisionRequest request)
    {
        bool wasPromoted;
        lock (queue)
        {
            // Not queued: in a leader's batch. Should that leader give up too, the request must not go back to the queue,
            // where it could be promoted with nobody left to lead. Its entry stays pending for this caller's retry.
            request.Abandoned = !queue.Waiting.Remove(request);
            wasPromoted = request.Promoted.Task.IsCompleted;
        }

        if (wasPromoted)
        {
            PassLead(key, queue);
        }
    }

    private void PassLead(string key, BalanceQueue queue)
    {
        lock (queue)
        {
            if (queue.Waiting.Count > 0)
            {
                queue.Waiting[0].Promoted.TrySetResult();
                return;
            }

            queue.Leading = false;

            // Idle: forget it. A caller that fetched it just before leads it alone, which is still correct (the ETag decides).
            _queues.TryRemove(new KeyValuePair<string, BalanceQueue>(key, queue));
        }
    }

    /// <summary>
    /// One read, the batch's decisions in order, one write (none when every decision is an unrecorded refusal), retried
    /// whole with jittered back-off when another process wrote the balance meanwhile.
    /// </summary>
    private async Task<BalanceStep[]> DecideBatchAsync(List<DecisionRequest> batch, HashSet<string> checkedEntries, CancellationToken cancellationToken)
    {
        var first = batch[0].Movement;
        var pk = StockBalanceDocument.PartitionKeyFor(first.BrandId, first.Sku);
        var id = StockBalanceDocument.IdFor(first.Location);
        try
        {
            return await _conflictRetry.ExecuteAsync(
                async token =>
                {
                    var read = await _balances.ReadAsync(pk, id, token);
                    var current = read?.Document.EnsureReadable() ?? StockBalanceDocument.Empty(first.BrandId, first.Sku, first.Location);
                    var working = current;
                    var steps = new BalanceStep[batch.Count];
                    var written = new List<int>();
                    var decidedElsewhere = await DecidedEntriesAsync(current, batch, token);
                    var now = _time.GetUtcNow();
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var movement = batch[i].Movement;
                        if ((working.Find(movement.EntryId) ?? decidedElsewhere.GetValueOrDefault(movement.EntryId)) is { } recorded)
                        {
                            steps[i] = new BalanceStep(working, recorded, WrittenByThisCall: false);
                            continue;
                        }

                        var decision = await DecideMovementAsync(working, movement, token);
                        if (!decision.IsApplied && !batch[i].RecordRefusal)
                        {
                            steps[i] = new BalanceStep(working, null, WrittenByThisCall: false);
                            continue;
                        }

                        working = working.With(movement, decision, now, EmptySet);
                        steps[i] = new BalanceStep(working, working.Recent[^1], WrittenByThisCall: true);
                        written.Add(i);
                    }

                    if (written.Count == 0)
                    {
                        return steps;
                    }

                    var dropped = await TrimAsync(current, written.Count, checkedEntries, token);
                    var next = working.Without(dropped);
                    _ = read is { } found
                        ? await _balances.ReplaceAsync(next, pk, id, found.ETag, token)
                        : await _balances.CreateAsync(next, pk, id, token);
                    return steps;
                },
                cancellationToken);
        }
        catch (ConcurrencyConflictException e)
        {
            _logger.ConflictRetriesExhausted(first.EntryId, first.BrandId, first.Sku, first.Location, _maxConflictRetries + 1);
            throw new ConcurrencyConflictException(
                $"{batch.Count} movement(s) of {first.BrandId}/{first.Sku} at {first.Location} (first {first.EntryId}) lost the race for their balance {_maxConflictRetries + 1} times " +
                "(other processes kept writing it). Their entries are recorded pending: apply the same movement again to finish it.",
                e);
        }
    }

    /// <summary>
    /// The decisions of the batch's entries that <paramref name="balance"/> no longer holds because its entry already
    /// carries it: read after the balance, so an entry still pending here was never decided up to the version read (a
    /// decision leaves <c>recent</c> only after its entry is marked), and the write's If-Match covers the rest. Without
    /// this a slow call could decide again a movement another call decided, marked and trimmed meanwhile.
    /// </summary>
    private async Task<Dictionary<string, StockDecisionRecord>> DecidedEntriesAsync(StockBalanceDocument balance, List<DecisionRequest> batch, CancellationToken cancellationToken)
    {
        var unknown = batch.Select(r => r.Movement.EntryId).Where(id => balance.Find(id) is null).Distinct(StringComparer.Ordinal).ToList();
        var entries = await Task.WhenAll(unknown.Select(id => _entries.ReadAsync(balance.Pk, StockEntryDocument.IdFor(id), cancellationToken)));
        var decided = entries
            .Where(read => read is { } found && found.Document.EnsureReadable().IsDecided)
            .Select(read => read!.Value.Document)
            .ToList();
        foreach (var entry in decided)
        {
            _marked.Add(entry.Pk, entry.EntryId);
        }

        return decided.Select(entry => entry.Record()).ToDictionary(r => r.EntryId, StringComparer.Ordinal);
    }

    /// <summary>Test seam: callers of this process queued for a balance and not yet taken into a leader's batch.</summary>
    internal int QueuedCallers => _queues.Values.Sum(queue =>
    {
        lock (queue)
        {
            return queue.Waiting.Count;
        }
    });

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The callers of this process waiting for one balance, and whether one of them is deciding.</summary>
    private sealed class BalanceQueue
    {
        public List<DecisionRequest> Waiting { get; } = [];

        public bool Leading { get; set; }
    }

    private sealed class DecisionRequest(StockMovement movement, bool recordRefusal)
    {
        public StockMovement Movement { get; } = movement;

        public bool RecordRefusal { get; } = recordRefusal;

        public TaskCompletionSource<BalanceStep> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Promoted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Its caller gave up while it sat in a leader's batch (set and read under the queue's lock).</summary>
        public bool Abandoned { get; set; }
    }
}
