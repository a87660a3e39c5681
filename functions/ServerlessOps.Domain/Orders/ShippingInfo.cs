namespace ServerlessOps.Domain.Orders;

/// <summary>
/// How the order ships. Only the coarse destination is kept (country, region, postal code, city): the
/// canonical model holds no buyer names or street lines, so orders can be shared with finance freely.
/// Money is null where the channel withholds it (Amazon while Pending).
/// </summary>
public sealed record ShippingInfo(
    string? Method,
    decimal? Price,
    decimal? Tax,
    decimal? Discount,
    string? CountryCode,
    string? Region,
    string? PostalCode,
    string? City,
    IReadOnlyList<Shipment> Shipments);
