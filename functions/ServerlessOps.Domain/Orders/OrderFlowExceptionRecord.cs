using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Orders;

/// <summary>
/// An order whose flow took its exception path: which step, why, and who owns the fix. One record per order (its id is
/// the order's), open until the flow gets past the step again after a retry; a later exception of the same order
/// replaces it. Read by <c>GET /api/brands/{brandId}/exceptions</c>.
/// </summary>
/// <param name="BrandId">The brand.</param>
/// <param name="OrderId">Canonical order id (<see cref="OrderId"/>).</param>
/// <param name="Channel">The order's channel.</param>
/// <param name="ExternalOrderId">The channel's order id.</param>
/// <param name="InstanceId">The flow instance, for the retry and status routes.</param>
/// <param name="Step">The step that failed (<c>validate</c>, <c>reserve</c>, <c>move-stock</c>...).</param>
/// <param name="Cause">Short cause (<c>unmapped-sku</c>, <c>short-reservation</c>, <c>retries-exhausted</c>).</param>
/// <param name="Detail">What exactly went wrong and what to do: the SKUs, the units short, the last error.</param>
/// <param name="Owner">Who was alerted (an e-mail address); null when the brand names nobody.</param>
/// <param name="OpenedAt">When the flow took the exception path.</param>
public sealed record OrderFlowExceptionRecord(
    string BrandId,
    string OrderId,
    SalesChannel Channel,
    string ExternalOrderId,
    string InstanceId,
    string Step,
    string Cause,
    string Detail,
    string? Owner,
    DateTimeOffset OpenedAt)
{
    /// <summary>Whether the flow is still stuck on it.</summary>
    public bool IsOpen { get; init; } = true;

    /// <summary>When a retry got the flow past the step.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }
}
