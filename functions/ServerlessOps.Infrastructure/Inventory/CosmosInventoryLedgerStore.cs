using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>
/// <see cref="IInventoryLedgerStore"/> on container <c>inventoryLedger</c>, without transactions (none on the local
/// server; none needed on Cosmos DB): a movement's entry is created pending under its deterministic id, then its
/// balance (ETag-guarded) takes the decision and records it, then the entry is marked. Any step may be the last before
/// a crash; calling again with the same movement finishes it, and nothing is ever applied twice. The invariant and the
/// crash points are in README.md.
/// </summary>
public sealed partial class CosmosInventoryLedgerStore : IInventoryLedgerStore
{
    /// <summary>Rewrites of one entry document before giving up: each lost one means another call finished or claimed it.</summary>
    private const int MaxEntryRewrites = 20;

    /// <summary>Entries remembered as marked (<see cref="MarkedEntries"/>): a few MB at most, ~40 per balance in use.</summary>
    private const int MarkedEntriesCapacity = 20_000;

    private readonly CosmosDocuments<StockEntryDocument> _entries;
    private readonly CosmosDocuments<StockBalanceDocument> _balances;
    private readonly ConcurrentDictionary<string, BalanceQueue> _queues = new(StringComparer.Ordinal);
    private readonly MarkedEntries _marked = new(MarkedEntriesCapacity);
    private readonly ResiliencePipeline _conflictRetry;
    private readonly int _maxConflictRetries;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CosmosInventoryLedgerStore(
        CosmosContainers containers,
        IOptions<CosmosOptions> cosmosOptions,
        IOptions<InventoryLedgerOptions> options,
        TimeProvider time,
        ILogger<CosmosInventoryLedgerStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(cosmosOptions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _entries = new(containers.InventoryLedger, cosmosOptions.Value.QueryPageSize, logger);
        _balances = new(containers.InventoryLedger, cosmosOptions.Value.QueryPageSize, logger);
        _time = time;
        _logger = logger;
        var ledger = options.Value;
        _maxConflictRetries = ledger.MaxConflictRetries;
        _conflictRetry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // Only a lost race on the balance (412 on replace, 409 on the first create) is retried here; an outage is
                // the caller's to retry (StoreUnavailableException), with the entry left pending for it.
                ShouldHandle = new PredicateBuilder().Handle<ConcurrencyConflictException>(),
                MaxRetryAttempts = ledger.MaxConflictRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = ledger.ConflictBaseDelay,
                MaxDelay = ledger.ConflictMaxDelay,
            })
            .Build();
    }

    /// <summary>
    /// Test seam: runs after a balance took a decision and before the entry is marked, so a test can stop a call
    /// exactly there (a crash between the two writes). Null in the app.
    /// </summary>
    internal Func<StockDecisionRecord, CancellationToken, Task>? AfterBalanceDecided { get; set; }

    /// <summary>
    /// Applies <paramref name="movement"/> once, however often and however concurrently it is called: the first call to
    /// reach the balance decides (<see cref="StockApplyOutcome.Applied"/> or, for a reservation beyond available,
    /// <see cref="StockApplyOutcome.Insufficient"/>, for a count older than the location's last,
    /// <see cref="StockApplyOutcome.Superseded"/>); every later call answers that decision (AlreadyApplied, or the same
    /// refusal) with the balance as it stands. A refused cause stays refused: reserve again under a new cause.
    /// </summary>
    /// <exception cref="ArgumentException">The movement is invalid (<see cref="StockMovementRules.Validate"/>).</exception>
    /// <exception cref="StockMovementConflictException">Its cause and kind are recorded for another location or quantity.</exception>
    /// <exception cref="ConcurrencyConflictException">
    /// The balance kept changing under it for <see cref="InventoryLedgerOptions.MaxConflictRetries"/> attempts; the entry
    /// stays pending and calling again with the same movement finishes it.
    /// </exception>
    public async Task<StockApplyResult> ApplyAsync(StockMovement movement, CancellationToken cancellationToken)
    {
        StockMovementRules.Validate(movement);
        var entry = await StartAsync(StockEntryDocument.Pending(movement, _time.GetUtcNow()), cancellationToken);
        return entry.Document.IsDecided
            ? await AnswerDecidedAsync(entry.Document, cancellationToken)
            : await DecideAsync(entry, cancellationToken);
    }

    /// <summary>The entry this call works on: created by it, or found (decided, or pending and now claimed by this call).</summary>
    private async Task<EntryHandle> StartAsync(StockEntryDocument pending, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new EntryHandle(pending, await _entries.CreateAsync(pending, pending.Pk, pending.Id, cancellationToken), Created: true);
            }
            catch (ConcurrencyConflictException)
            {
                // The cause is taken: a retry, a replay or a concurrent duplicate of this movement (or a reused cause).
            }

            var read = await _entries.ReadAsync(pending.Pk, pending.Id, cancellationToken);
            if (read is not { } found)
            {
                continue;
            }

            var existing = found.Document.EnsureReadable();
            EnsureSameMovement(existing, pending.Movement);
            if (existing.IsDecided)
            {
                _marked.Add(existing.Pk, existing.EntryId);
                return new EntryHandle(existing, found.ETag, Created: false);
            }

            // Claiming rewrites the entry, so its creator (if still running) can no longer refuse it without the balance.
            try
            {
                var claimed = existing.Claimed();
                var etag = await _entries.ReplaceAsync(claimed, claimed.Pk, claimed.Id, found.ETag, cancellationToken);
                _logger.PendingEntryTakenOver(existing.EntryId, existing.BrandId, existing.Sku, existing.Location);
                return new EntryHandle(claimed, etag, Created: false);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxEntryRewrites)
            {
                // Another call claimed or marked it meanwhile: look again.
            }
        }
    }

    /// <summary>Takes the entry's decision at its balance, marks the entry, and answers.</summary>
    private async Task<StockApplyResult> DecideAsync(EntryHandle entry, CancellationToken cancellationToken)
    {
        var movement = entry.Document.Movement;

        // Only the call that created the entry, while nobody else has touched it, may refuse without writing the balance:
        // a refusal is then final by the entry's ETag alone. Everyone else records refusals in the balance, the one place
        // every decision on this entry meets.
        var recordRefusal = !entry.Created;
        while (true)
        {
            var step = await TakeDecisionAsync(movement, recordRefusal, cancellationToken);
            if (step.Record is { } record)
            {
                if (AfterBalanceDecided is { } seam)
                {
                    await seam(record, cancellationToken);
                }

                await MarkAsync(entry, record, cancellationToken);
                var outcome = record.Outcome == StockEntryState.Refused ? StockMovementRules.RefusedOutcome(movement.Kind)
                    : step.WrittenByThisCall ? StockApplyOutcome.Applied
                    : StockApplyOutcome.AlreadyApplied;
                return new StockApplyResult(movement, outcome, step.Balance.ToDomain());
            }

            var refusal = new StockDecisionRecord { EntryId = movement.EntryId, Outcome = StockEntryState.Refused, At = _time.GetUtcNow() };
            try
            {
                var refused = entry.Document.Decided(refusal);
                await _entries.ReplaceAsync(refused, refused.Pk, refused.Id, entry.ETag, cancellationToken);
                return new StockApplyResult(movement, StockMovementRules.RefusedOutcome(movement.Kind), step.Balance.ToDomain());
            }
            catch (ConcurrencyConflictException)
            {
                recordRefusal = true;
                var read = await _entries.ReadAsync(entry.Document.Pk, entry.Document.Id, cancellationToken);
                if (read is { } found && found.Document.EnsureReadable().IsDecided)
                {
                    return await AnswerDecidedAsync(found.Document, cancellationToken);
                }

                if (read is { } stillPending)
                {
                    entry = entry with { Document = stillPending.Document, ETag = stillPending.ETag };
                }
            }
        }
    }

    /// <summary>Writes the balance's decision into the entry, unless another call already did.</summary>
    private async Task MarkAsync(EntryHandle entry, StockDecisionRecord record, CancellationToken cancellationToken)
    {
        var document = entry.Document;
        var etag = entry.ETag;
        for (var attempt = 1; !document.IsDecided; attempt++)
        {
            try
            {
                var decided = document.Decided(record);
                await _entries.ReplaceAsync(decided, decided.Pk, decided.Id, etag, cancellationToken);
                _marked.Add(decided.Pk, decided.EntryId);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxEntryRewrites)
            {
                var read = await _entries.ReadAsync(document.Pk, document.Id, cancellationToken);
                if (read is not { } found)
                {
                    _logger.RecordedEntryMissing(document.BrandId, document.Sku, document.Location, document.EntryId);
                    return;
                }

                (document, etag) = (found.Document.EnsureReadable(), found.ETag);
            }
        }

        // Another call marked it first (the loop ended on what it read).
        _marked.Add(document.Pk, document.EntryId);
    }

    /// <summary>The answer for an entry decided before this call: its decision, with the balance as it stands now.</summary>
    private async Task<StockApplyResult> AnswerDecidedAsync(StockEntryDocument entry, CancellationToken cancellationToken)
    {
        var balance = await GetBalanceAsync(entry.BrandId, entry.Sku, entry.Location, cancellationToken);
        var outcome = entry.State == StockEntryState.Applied ? StockApplyOutcome.AlreadyApplied : StockMovementRules.RefusedOutcome(entry.Movement.Kind);
        return new StockApplyResult(entry.Movement, outcome, balance);
    }

    private void EnsureSameMovement(StockEntryDocument recorded, StockMovement requested)
    {
        var previous = recorded.Movement;
        if (string.Equals(previous.Location, requested.Location, StringComparison.Ordinal) && previous.Quantity == requested.Quantity)
        {
            return;
        }

        _logger.MovementConflict(recorded.EntryId, recorded.BrandId, recorded.Sku, previous.Location, previous.Quantity, requested.Location, requested.Quantity);
        throw new StockMovementConflictException(
            $"Cause '{requested.Cause}' ({requested.Kind}) of {requested.BrandId}/{requested.Sku} is already recorded as {previous.Quantity} unit(s) at " +
            $"'{previous.Location}'; this movement asks for {requested.Quantity} at '{requested.Location}' and was not applied. Use a new cause for a new movement.")
        {
            Recorded = previous,
        };
    }

    private sealed record EntryHandle(StockEntryDocument Document, string ETag, bool Created);

    /// <param name="Record">The decision the balance holds for the entry; null when this call refused without writing.</param>
    private sealed record BalanceStep(StockBalanceDocument Balance, StockDecisionRecord? Record, bool WrittenByThisCall);
}
