namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>One page of a channel's changed-orders list and the token for the next one (null: the last page).</summary>
public sealed record ChangedOrderPage(IReadOnlyList<ChangedOrder> Orders, string? NextPageToken);
