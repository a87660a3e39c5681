namespace ServerlessOps.Testing.ReviewHistory;

/// <summary>One generated order as the order-history import takes it; money in <see cref="Currency"/>, cents.</summary>
/// <param name="FulfilledByChannel">Amazon FBA: the channel ships, no merchant SLA.</param>
public sealed record HistoryOrder(
    HistoryChannel Channel,
    string ChannelAccountId,
    string ExternalOrderId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Status,
    bool FulfilledByChannel,
    DateTimeOffset ShipBy,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? CancelledAt,
    string Currency,
    IReadOnlyList<HistoryLine> Lines,
    IReadOnlyList<HistoryFee> Fees,
    IReadOnlyList<HistoryRefund> Refunds);

/// <summary>A line: the channel's SKU, the seller SKU the channel reports (null when it reports none), units and money.</summary>
public sealed record HistoryLine(string LineId, string ChannelSku, string? SellerSku, int Quantity, decimal UnitPrice, decimal Discount, decimal Tax);

/// <summary>A fee the channel charged, per line (<see cref="LineId"/>) or per order (null).</summary>
public sealed record HistoryFee(string Type, decimal Amount, string? LineId);

/// <summary>A refund with the units it returned.</summary>
public sealed record HistoryRefund(string Id, DateTimeOffset RefundedAt, decimal Amount, decimal Tax, string Reason, string LineId, int Quantity, bool Returned);
