namespace ServerlessOps.Domain.Orders;

/// <summary>
/// That an order's flow ended, kept after the engine's history of it is purged (30 days from its start by default): a
/// missing flow instance then means "never started" only when the order has no end. One per order, written once.
/// </summary>
/// <param name="BrandId">The brand.</param>
/// <param name="OrderId">Canonical order id (<see cref="OrderId"/>).</param>
/// <param name="InstanceId">The flow instance that ended.</param>
/// <param name="Outcome">How it ended (<c>completed</c>, <c>cancelled</c>, <c>history</c>).</param>
/// <param name="EndedAt">When it ended (the orchestration's time).</param>
public sealed record OrderFlowEnd(string BrandId, string OrderId, string InstanceId, string Outcome, DateTimeOffset EndedAt);
