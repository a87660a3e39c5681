namespace ServerlessOps.Domain.Orders;

/// <summary>A channel or payment fee, where the channel reports one with the order.</summary>
public sealed record OrderFee(string Kind, decimal Amount);
