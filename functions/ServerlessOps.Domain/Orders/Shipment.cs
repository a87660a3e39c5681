namespace ServerlessOps.Domain.Orders;

/// <summary>
/// A parcel the channel reports. Where the channel names it (Shopify fulfilment id) the shipment is a fact kept by
/// its id and version, so a fulfilment webhook and an order snapshot converge on the newest record of it.
/// </summary>
/// <param name="Carrier">Carrier name, verbatim.</param>
/// <param name="TrackingNumber">First tracking number.</param>
/// <param name="ShippedAt">When it shipped.</param>
public sealed record Shipment(string? Carrier, string? TrackingNumber, DateTimeOffset? ShippedAt)
{
    /// <summary>The channel's id for it (Shopify fulfilment id); null where the channel names none.</summary>
    public string? Id { get; init; }

    /// <summary>The channel's status for it, verbatim (Shopify <c>success</c>, <c>cancelled</c>...).</summary>
    public string? Status { get; init; }

    /// <summary>Whether it left the warehouse and counts as shipped (a cancelled or failed fulfilment does not).</summary>
    public bool IsShipped { get; init; } = true;

    /// <summary>Whether the carrier or the channel reports it delivered.</summary>
    public bool IsDelivered { get; init; }

    /// <summary>The channel's updated-at of this shipment: its version as a fact.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Units per line in it, where the channel says (Shopify); empty otherwise.</summary>
    public IReadOnlyList<ShipmentLine> Lines { get; init; } = [];
}

/// <summary>Units of one order line in a shipment.</summary>
public sealed record ShipmentLine(string LineId, int Quantity);
