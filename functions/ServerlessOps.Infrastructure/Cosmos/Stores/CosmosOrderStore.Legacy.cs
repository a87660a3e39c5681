using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary>
/// Moving orders out of the brand-partitioned layout (schema 1, partition <c>{brandId}</c>) into the brand-and-month one.
/// One order moves in four idempotent steps, each safe to repeat after a crash at any point: (1) its locator is created
/// unless present, (2) the order is copied to its month partition unless a copy exists (a copy written meanwhile, by a
/// delivery or an old instance still writing the old layout, is merged with it as two deliveries would be,
/// <see cref="StoredOrder.Combine"/>), (3) the copy is read back and verified to hold everything the old document holds,
/// (4) the old document is deleted if it is still the version read (a changed one is moved again). Nothing is ever
/// deleted before its copy is verified, so an interrupted run loses nothing and a second run finishes the job.
/// </summary>
public sealed partial class CosmosOrderStore
{
    /// <summary>Orders read per slice of a brand's old partition.</summary>
    private const int MoveSliceSize = 50;

    /// <summary>Attempts per order when another writer keeps changing it between our steps.</summary>
    private const int MoveAttempts = 10;

    /// <summary>How long "not moved yet" is believed before the brand's layout mark is read again.</summary>
    private static readonly TimeSpan NotMovedRecheck = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, DateTimeOffset> _notMovedSince = new(StringComparer.Ordinal);

    /// <summary>
    /// Moves every order of <paramref name="brandId"/> still in the old layout, slice by slice, then marks the brand moved.
    /// Idempotent and resumable: run it again after an interruption, or twice at once, and it ends in the same place.
    /// An order that cannot be moved (an unreadable document) is reported and left where it is; the mark then waits.
    /// </summary>
    public async Task<OrderMoveReport> MoveLegacyOrdersAsync(string brandId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var legacyPartition = OrderDocument.LegacyPartitionKeyFor(brandId);
        var report = new OrderMoveReport(brandId);
        var after = string.Empty;
        while (true)
        {
            // Walk by id: moved documents disappear from the partition, ones that failed stay behind the cursor.
            var slice = await _orders.QueryAsync(
                legacyPartition, OrderDocument.DocumentType, "c.id > @after", "c.id ASC", [new("@after", after)], cancellationToken, MoveSliceSize);
            foreach (var document in slice)
            {
                var orderId = CosmosIds.Decode(document.Id);
                try
                {
                    var outcome = await MoveOneAsync(brandId, orderId, cancellationToken);
                    report = report.With(outcome);
                }
                catch (Exception e) when (e is InvalidOperationException or ConcurrencyConflictException)
                {
                    _logger.OrderMoveFailed(brandId, orderId, e);
                    report = report with { Failed = [.. report.Failed, orderId] };
                }
            }

            if (slice.Count < MoveSliceSize)
            {
                break;
            }

            after = slice[^1].Id;
        }

        if (report.Failed.Count == 0)
        {
            var mark = new OrderLayoutDocument { Pk = legacyPartition, BrandId = brandId, CompletedAt = _time.GetUtcNow(), Moved = report.Moved + report.Merged };
            await _layouts.UpsertAsync(mark, mark.Pk, mark.Id, cancellationToken);
            _moved[brandId] = true;
            report = report with { Complete = true };
        }

        _logger.OrdersMoved(brandId, report.Moved, report.Merged, report.AlreadyMoved, report.Failed.Count, report.Complete);
        return report;
    }

    /// <summary>Whether the brand's orders are all in the new layout (its mark read, cached; "no" re-read after a minute).</summary>
    private async Task<bool> IsMovedAsync(string brandId, CancellationToken cancellationToken)
    {
        if (_moved.ContainsKey(brandId))
        {
            return true;
        }

        var now = _time.GetUtcNow();
        lock (_notMovedSince)
        {
            if (_notMovedSince.TryGetValue(brandId, out var since) && now - since < NotMovedRecheck)
            {
                return false;
            }
        }

        var mark = await _layouts.ReadAsync(OrderDocument.LegacyPartitionKeyFor(brandId), OrderLayoutDocument.MonthlyId, cancellationToken);
        if (mark is not null)
        {
            _moved[brandId] = true;
            return true;
        }

        lock (_notMovedSince)
        {
            _notMovedSince[brandId] = now;
        }

        return false;
    }

    /// <summary>An order a read found only in the old layout is moved on the spot, and read from its new place.</summary>
    private async Task<Versioned<StoredOrder>?> MoveLegacyAsync(string brandId, string orderId, CancellationToken cancellationToken)
    {
        var outcome = await MoveOneAsync(brandId, orderId, cancellationToken);
        if (outcome == OrderMoveOutcome.NotFound)
        {
            return null;
        }

        var locator = await ReadLocatorAsync(brandId, orderId, cancellationToken);
        var read = locator is null ? null : await _orders.ReadAsync(locator.OrderPk, CosmosIds.Encode(orderId), cancellationToken);
        return read is { } found ? Versioned(found) : null;
    }

    private async Task<OrderMoveOutcome> MoveOneAsync(string brandId, string orderId, CancellationToken cancellationToken)
    {
        var legacyPartition = OrderDocument.LegacyPartitionKeyFor(brandId);
        var id = CosmosIds.Encode(orderId);
        for (var attempt = 1; ; attempt++)
        {
            var legacyRead = await _orders.ReadAsync(legacyPartition, id, cancellationToken);
            if (legacyRead is not { } legacy)
            {
                return OrderMoveOutcome.NotFound;
            }

            var old = legacy.Document.ToDomain();
            try
            {
                var outcome = await CopyAsync(brandId, orderId, old, cancellationToken);

                // Deleted only if still the version copied; a 404 means a racing mover finished first.
                await _orders.DeleteAsync(legacyPartition, id, legacy.ETag, cancellationToken);
                return outcome;
            }
            catch (ConcurrencyConflictException) when (attempt < MoveAttempts)
            {
                // The copy or the old document changed between our steps: start over from what is there now.
            }
        }
    }

    /// <summary>Steps 1-3: locator, copy or merge, verify. Returns how the copy came to hold the old document.</summary>
    private async Task<OrderMoveOutcome> CopyAsync(string brandId, string orderId, StoredOrder old, CancellationToken cancellationToken)
    {
        var target = OrderDocument.PartitionKeyFor(brandId, old.Order.PlacedAt);
        var filedAt = await EnsureLocatorAsync(brandId, orderId, target, cancellationToken);
        if (!string.Equals(filedAt, target, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Order {orderId} of brand {brandId} is filed under {filedAt}, but the old document says it was placed in {target}: the channel changed its placement time. Move it by hand.");
        }

        var id = CosmosIds.Encode(orderId);
        var outcome = OrderMoveOutcome.AlreadyMoved;
        var copy = await _orders.ReadAsync(target, id, cancellationToken);
        if (copy is null)
        {
            var document = OrderDocument.FromDomain(old);
            await _orders.CreateAsync(document, document.Pk, document.Id, cancellationToken);
            outcome = OrderMoveOutcome.Moved;
        }
        else if (!Covers(copy.Value.Document.ToDomain(), old))
        {
            var merged = StoredOrder.Combine(copy.Value.Document.ToDomain(), old, _time.GetUtcNow());
            var document = OrderDocument.FromDomain(merged);
            await _orders.ReplaceAsync(document, document.Pk, document.Id, copy.Value.ETag, cancellationToken);
            outcome = OrderMoveOutcome.Merged;
        }

        var verified = await _orders.ReadAsync(target, id, cancellationToken);
        if (verified is not { } written || !Covers(written.Document.ToDomain(), old))
        {
            throw new ConcurrencyConflictException($"The copy of order {orderId} of brand {brandId} in {target} does not hold the old document yet; moving it again.");
        }

        return outcome;
    }

    /// <summary>
    /// Whether <paramref name="copy"/> holds everything <paramref name="old"/> does: a snapshot convergence would not
    /// replace with the old one, every fact of it, and each of its deliveries (or, at the cap, only older ones are gone).
    /// </summary>
    private static bool Covers(StoredOrder copy, StoredOrder old)
    {
        if (OrderConvergence.Decide(copy.Order, old.Order) == ConvergenceDecision.Replace || OrderFacts.Merge(copy.Order, old.Order).Changed)
        {
            return false;
        }

        var keys = copy.Deliveries.Select(d => d.DeliveryKey).ToHashSet(StringComparer.Ordinal);
        var oldest = copy.Deliveries.Count >= StoredOrder.MaxDeliveryReferences ? copy.Deliveries.Min(d => d.ReceivedAt) : DateTimeOffset.MinValue;
        return old.Deliveries.All(d => keys.Contains(d.DeliveryKey) || d.ReceivedAt < oldest);
    }
}
