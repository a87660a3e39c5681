using System.Globalization;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Inventory.Availability;
using ServerlessOps.Domain.Inventory.Drift;

namespace ServerlessOps.Infrastructure.Drift;

public sealed partial class ListingDriftChecker
{
    private const decimal SecondsPerDay = 86_400m;

    /// <summary>
    /// A price read back goes through the pricing guardrail with the item's MAP and the unit cost in effect now: below the
    /// floor alerts the pricing owner (de-duplicated per listing; a rise of the money at stake notifies again) with the
    /// shortfall per day at the SKU's recent velocity (the pushes' window); a later read at or above the floor clears it.
    /// </summary>
    private async Task<(ListingDriftDocument Doc, bool Breach)> CheckPriceAsync(
        CatalogItem item, ChannelListing listing, ListingReadBack readBack, ListingDriftDocument doc, CancellationToken cancellationToken)
    {
        if (readBack.Price is not { } price
            || (readBack.Currency is { } currency && !string.Equals(currency, item.Currency, StringComparison.OrdinalIgnoreCase)))
        {
            return (doc, false);
        }

        var now = time.GetUtcNow();
        var cost = EffectivePeriods.CostAt(await catalog.GetCostsAsync(item.BrandId, item.Sku, cancellationToken), now)?.Amount;
        var marginFloor = brands.Current.Brands.TryGetValue(item.BrandId, out var brand) ? brand.Policy.MarginFloorPercent : BrandPolicy.Default.MarginFloorPercent;
        var (unitsPerDay, velocityNote) = await UnitsPerDayAsync(item, listing, now, cancellationToken);
        var verdict = PriceReadCheck.Check(price, item.MinimumAdvertisedPrice, cost, marginFloor, unitsPerDay);
        var subject = AlertSubject.Listing(listing.Channel, item.Sku);
        if (!verdict.BelowFloor)
        {
            if (doc.PriceBelowFloor)
            {
                await alerts.ClearAsync(item.BrandId, AlertKind.PriceBelowFloor, subject, $"{listing.Channel} now shows {price.ToString("0.00", CultureInfo.InvariantCulture)} {item.Currency}, at or above the floor.", cancellationToken);
            }

            return (doc with { PriceBelowFloor = false }, false);
        }

        var floor = verdict.Floor!.Value;
        logger.PriceBelowFloor(listing.Channel, listing.ChannelSku, item.BrandId, item.Sku, price, floor);
        var money = verdict.MoneyAtStakePerDay is { } atStake
            ? $"At recent velocity ({velocityNote}) that is {atStake.ToString("#,0.00", CultureInfo.InvariantCulture)} {item.Currency} a day below the floor."
            : $"Money at stake per day is unknown: {velocityNote}.";
        await alerts.RaiseAsync(new AlertRaise(
            item.BrandId, AlertKind.PriceBelowFloor, subject,
            $"{listing.Channel} listing {listing.ChannelSku} of {item.Sku} shows {Money(price)} {item.Currency}, below the floor {Money(floor)} " +
            $"(max(MAP {Money(item.MinimumAdvertisedPrice)}, cost {Money(cost)} / (1 − {marginFloor.ToString(CultureInfo.InvariantCulture)}%))). {money} Set the price back on {listing.Channel}.")
        {
            Channel = listing.Channel,
            MoneyAtStake = verdict.MoneyAtStakePerDay is { } perDay ? new MoneyAtStake(perDay, item.Currency.ToUpperInvariant()) : null,
            Evidence = new Dictionary<string, string>
            {
                ["channelSku"] = listing.ChannelSku,
                ["price"] = Money(price),
                ["floor"] = Money(floor),
                ["map"] = Money(item.MinimumAdvertisedPrice),
                ["unitCost"] = Money(cost),
                ["marginFloorPercent"] = marginFloor.ToString(CultureInfo.InvariantCulture),
                ["unitsPerDay"] = unitsPerDay?.ToString("0.##", CultureInfo.InvariantCulture) ?? "unknown",
                ["source"] = "read-back",
            },
        }, cancellationToken);
        return (doc with { PriceBelowFloor = true }, true);
    }

    /// <summary>Units reserved per day at the listing's location over the pushes' velocity window, or null with the reason it is unknown.</summary>
    private async Task<(decimal? UnitsPerDay, string Note)> UnitsPerDayAsync(CatalogItem item, ChannelListing listing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = pushOptions.Value;
        try
        {
            var entries = await ledger.ListEntriesAsync(item.BrandId, item.Sku, settings.VelocityEntries, cancellationToken);
            var perDay = SalesVelocity.PerSecond(entries, listing.StockLocation, now, settings.VelocityWindow) * SecondsPerDay;
            return (decimal.Round(perDay, 4), $"{perDay.ToString("0.##", CultureInfo.InvariantCulture)} units a day, reservations over the last {settings.VelocityWindow}");
        }
        catch (Exception e) when (e is not OperationCanceledException and not ArgumentException)
        {
            return (null, $"the ledger could not be read for velocity ({e.GetType().Name})");
        }
    }

    private static string Money(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture) ?? "none";
}
