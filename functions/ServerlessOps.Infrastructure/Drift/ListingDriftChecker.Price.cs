using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Inventory.Drift;

namespace ServerlessOps.Infrastructure.Drift;

public sealed partial class ListingDriftChecker
{
    /// <summary>
    /// A price read back goes through the same guard as a price seen in a webhook (Pricing/ObservedPriceGuard): below the
    /// floor (or a negative contribution after the channel's fees) alerts the pricing owner with the money at stake per
    /// day at the channel's recent velocity, de-duplicated per listing; a later read within the guardrail resolves it.
    /// </summary>
    private async Task<(ListingDriftDocument Doc, bool Breach)> CheckPriceAsync(
        CatalogItem item, ChannelListing listing, ListingReadBack readBack, ListingDriftDocument doc, CancellationToken cancellationToken)
    {
        if (readBack.Price is not { } price)
        {
            return (doc, false);
        }

        var outcome = await priceGuard.CheckAsync(item, listing, price, readBack.Currency, "read-back", time.GetUtcNow(), cancellationToken);
        return outcome.Result == "skipped" ? (doc, false) : (doc with { PriceBelowFloor = outcome.Check?.Verdict.BelowFloor == true }, outcome.IsBreach);
    }
}
