namespace ServerlessOps.Domain.Pricing;

/// <summary>
/// One line to price-check: an order line, a listing price about to be pushed (quantity 1, no discount) or a month's
/// sales of a SKU in the review. Money in one currency, unrounded, as the channel gave it.
/// </summary>
/// <param name="Key">What the line is (a line id, a SKU): names the line in the verdict.</param>
/// <param name="Quantity">Units; at least 1.</param>
/// <param name="UnitPrice">Price of one unit before discounts and before tax.</param>
/// <param name="Discount">Total discount on the line (all units), zero or more.</param>
/// <param name="Tax">Total tax on the line, when known; only a fee taken of the total uses it.</param>
/// <param name="Category">The catalog category, which fee rules may name.</param>
/// <param name="MinimumAdvertisedPrice">MAP per unit, when the item has one.</param>
/// <param name="UnitCost">Unit cost, when known.</param>
public sealed record PricedLine(
    string Key,
    int Quantity,
    decimal UnitPrice,
    decimal Discount,
    decimal? Tax,
    string? Category,
    decimal? MinimumAdvertisedPrice,
    decimal? UnitCost);
