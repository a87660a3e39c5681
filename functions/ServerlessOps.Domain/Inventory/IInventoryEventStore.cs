namespace ServerlessOps.Domain.Inventory;

/// <summary>Inventory-level events, partitioned by brand and SKU (or channel item id when no SKU is known).</summary>
public interface IInventoryEventStore
{
    /// <summary>Writes the event; idempotent by <see cref="InventoryLevelEvent.Id"/>.</summary>
    Task RecordAsync(InventoryLevelEvent levelEvent, CancellationToken cancellationToken = default);

    /// <summary>Events for one item key, newest <see cref="InventoryLevelEvent.ObservedAt"/> first.</summary>
    Task<IReadOnlyList<InventoryLevelEvent>> ListAsync(string brandId, string itemKey, CancellationToken cancellationToken = default);
}
