namespace ServerlessOps.Domain.Orders;

/// <summary>Order flow exceptions, one per order, partitioned by brand. Writes are idempotent (a retried activity writes the same record).</summary>
public interface IOrderFlowExceptionStore
{
    /// <summary>Records <paramref name="record"/> as the order's open exception, replacing an earlier one.</summary>
    Task RecordAsync(OrderFlowExceptionRecord record, CancellationToken cancellationToken = default);

    /// <summary>Marks the order's exception resolved; nothing when there is none open.</summary>
    Task ResolveAsync(string brandId, string orderId, DateTimeOffset resolvedAt, CancellationToken cancellationToken = default);

    /// <summary>The order's exception, open or resolved; null when it never had one.</summary>
    Task<OrderFlowExceptionRecord?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default);

    /// <summary>The brand's open exceptions, newest first.</summary>
    Task<IReadOnlyList<OrderFlowExceptionRecord>> ListOpenAsync(string brandId, CancellationToken cancellationToken = default);
}
