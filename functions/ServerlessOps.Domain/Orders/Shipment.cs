namespace ServerlessOps.Domain.Orders;

/// <summary>A parcel the channel reports as shipped.</summary>
public sealed record Shipment(string? Carrier, string? TrackingNumber, DateTimeOffset? ShippedAt);
