using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>
/// Binds each stock adjustment's <c>Idempotency-Key</c> to the first request sent with it (<see cref="StockAdjustmentKeyDocument"/>).
/// The ledger keys an entry by kind and cause, so on its own it takes the same key with another kind (a receipt, then a
/// count) or another SKU for a second movement; the binding refuses any request but the first under a key.
/// </summary>
public sealed class StockAdjustmentKeys
{
    private readonly CosmosDocuments<StockAdjustmentKeyDocument> _keys;
    private readonly TimeProvider _time;

    public StockAdjustmentKeys(CosmosContainers containers, IOptions<CosmosOptions> options, TimeProvider time, ILogger<StockAdjustmentKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _keys = new(containers.InventoryLedger, options.Value.QueryPageSize, logger);
        _time = time;
    }

    /// <summary>
    /// Binds <paramref name="key"/> to <paramref name="movement"/> unless it is bound already; answers the movement the key
    /// is bound to: this one, or the first request's (compare with <see cref="SameRequest"/>). A conditional create, so two
    /// requests racing with one key bind exactly one. Binding before applying is safe: a request that fails after it is
    /// retried with the same key and body, finds its own binding and applies.
    /// </summary>
    public async Task<StockMovement> BindAsync(string key, StockMovement movement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(movement);
        var document = new StockAdjustmentKeyDocument
        {
            Id = StockAdjustmentKeyDocument.IdFor(key),
            Pk = StockAdjustmentKeyDocument.PartitionKeyFor(movement.BrandId),
            BrandId = movement.BrandId,
            Key = key,
            Movement = movement,
            BoundAt = _time.GetUtcNow(),
        };
        try
        {
            await _keys.CreateAsync(document, document.Pk, document.Id, cancellationToken);
            return movement;
        }
        catch (ConcurrencyConflictException)
        {
            // Bound before (a retry, or a reuse): the binding is never changed nor deleted, so it is there to read.
        }

        return (await _keys.ReadAsync(document.Pk, document.Id, cancellationToken))?.Document.Movement
            ?? throw new InvalidOperationException($"Adjustment key '{key}' of brand {movement.BrandId} existed at create but not on read.");
    }

    /// <summary>Whether two adjustments are the same request: SKU, kind, location, quantity, reason and countedAt (not who sent it).</summary>
    public static bool SameRequest(StockMovement bound, StockMovement requested)
    {
        ArgumentNullException.ThrowIfNull(bound);
        ArgumentNullException.ThrowIfNull(requested);
        return string.Equals(bound.Sku, requested.Sku, StringComparison.Ordinal)
            && bound.Kind == requested.Kind
            && string.Equals(bound.Location, requested.Location, StringComparison.Ordinal)
            && bound.Quantity == requested.Quantity
            && string.Equals(bound.Reason, requested.Reason, StringComparison.Ordinal)
            && bound.CountedAt == requested.CountedAt;
    }
}
