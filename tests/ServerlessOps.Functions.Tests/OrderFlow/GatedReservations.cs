using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// The ledger, with reservations held at a gate the test opens: a flow's reservation can be caught in flight (its
/// activity running, the ledger not yet written) while the test does something to the flow.
/// </summary>
internal sealed class GatedReservations(IInventoryLedgerStore inner) : IInventoryLedgerStore
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _closed;

    /// <summary>Completes when a reservation reached the closed gate.</summary>
    public Task Entered => _entered.Task;

    public void Close() => _closed = true;

    public void Open()
    {
        _closed = false;
        _gate.TrySetResult();
    }

    public async Task<StockApplyResult> ApplyAsync(StockMovement movement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(movement);
        if (_closed && movement.Kind == StockMovementKind.Reserve)
        {
            _entered.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
        }

        return await inner.ApplyAsync(movement, cancellationToken);
    }

    public Task<StockMovement?> FindMovementAsync(string brandId, string sku, string entryId, CancellationToken cancellationToken) =>
        inner.FindMovementAsync(brandId, sku, entryId, cancellationToken);

    public Task<StockBalance> GetBalanceAsync(string brandId, string sku, string location, CancellationToken cancellationToken) =>
        inner.GetBalanceAsync(brandId, sku, location, cancellationToken);

    public Task<StockPosition> GetPositionAsync(string brandId, string sku, string location, CancellationToken cancellationToken) =>
        inner.GetPositionAsync(brandId, sku, location, cancellationToken);

    public Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAsync(string brandId, string sku, int limit, CancellationToken cancellationToken) =>
        inner.ListEntriesAsync(brandId, sku, limit, cancellationToken);

    public Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAppliedAfterAsync(string brandId, string sku, DateTimeOffset after, int limit, CancellationToken cancellationToken) =>
        inner.ListEntriesAppliedAfterAsync(brandId, sku, after, limit, cancellationToken);
}
