namespace ServerlessOps.Domain.Orders;

/// <summary>The ends of order flows (<see cref="OrderFlowEnd"/>), one per order, partitioned by brand; point reads and writes only.</summary>
public interface IOrderFlowEndStore
{
    /// <summary>Records that the order's flow ended; the first end recorded stays (a retried activity writes it again, harmlessly).</summary>
    Task RecordAsync(OrderFlowEnd flowEnd, CancellationToken cancellationToken = default);

    /// <summary>The order's flow end; null when its flow never ended (or never started).</summary>
    Task<OrderFlowEnd?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default);
}
