using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Infrastructure.Catalog;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// Puts one listing price of a catalog item through <see cref="PriceGuardrail.CheckLine"/>: the item's MAP and category,
/// the unit cost in effect at the time, the channel's fee schedule and the brand's margin floor (the default policy's
/// when the brand is not in the registry). The same inputs serve observed prices and the price-set route.
/// </summary>
public sealed class ListingPriceRules(CatalogStore catalog, IBrandDirectorySource brands)
{
    public async Task<ListingPriceCheck> CheckAsync(CatalogItem item, SalesChannel channel, decimal price, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var costs = await catalog.GetCostsAsync(item.BrandId, item.Sku, cancellationToken);
        var fees = await catalog.GetFeesAsync(item.BrandId, channel, cancellationToken);
        // A cost imported while the item was priced in another currency is unknown here rather than mixed with the price's
        // and the MAP's currency (as on the order path): no conversion.
        var inEffect = EffectivePeriods.CostAt(costs, at);
        var cost = inEffect is not null && string.Equals(inEffect.Currency, item.Currency, StringComparison.OrdinalIgnoreCase) ? inEffect.Amount : (decimal?)null;
        var marginFloor = MarginFloorPercent(item.BrandId);
        var line = new PricedLine(item.Sku, 1, price, 0m, null, item.Category, item.MinimumAdvertisedPrice, cost);
        var verdict = PriceGuardrail.CheckLine(line, marginFloor, fees, item.Currency, at);
        return new ListingPriceCheck(verdict, item.MinimumAdvertisedPrice, cost, marginFloor);
    }

    private decimal MarginFloorPercent(string brandId) =>
        brands.Current.Brands.TryGetValue(brandId, out var brand) ? brand.Policy.MarginFloorPercent : BrandPolicy.Default.MarginFloorPercent;
}
