using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>
/// ANY_OFFER_CHANGED (CHANNELS.md 2.3) as the Buy Box price and the lowest offer for the ASIN, for the condition that
/// triggered the change. Price = listing price, shipping apart, as the notification separates them. The notification
/// names the ASIN only, not our SKU.
/// </summary>
public static class AmazonOfferMapper
{
    public static PriceReport Map(AmazonDelivery delivery, ChannelAccount account, string deliveryKey)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var notification = delivery.Payload.Property("AnyOfferChangedNotification");
        var trigger = notification.Property("OfferChangeTrigger");
        var asin = trigger.Property("ASIN").GetNonEmptyString();
        var condition = trigger.Optional("ItemCondition")?.GetString();
        var observedAt = trigger.Optional("TimeOfOfferChange")?.GetIsoTime() ?? AmazonInventoryMapper.ObservedAt(delivery);
        var summary = notification.Property("Summary");

        var changes = new List<PriceChange>();
        if (ForCondition(summary.Optional("BuyBoxPrices")?.Items() ?? [], condition).FirstOrDefault() is { } buyBox)
        {
            changes.Add(ToChange(buyBox, PriceKind.BuyBox));
        }

        // LowestPrices has one entry per (condition, fulfilment channel); the lowest landed price is the competitor to beat.
        if (ForCondition(summary.Optional("LowestPrices")?.Items() ?? [], condition).OrderBy(Landed).FirstOrDefault() is { } lowest)
        {
            changes.Add(ToChange(lowest, PriceKind.LowestOffer));
        }

        return new PriceReport(changes);

        PriceChange ToChange(JsonCursor entry, PriceKind kind)
        {
            var listing = entry.Property("ListingPrice");
            return ChannelRecords.Price(
                deliveryKey,
                account,
                sku: null,
                channelItemId: asin,
                kind,
                price: listing.Property("Amount").GetAmount(),
                shipping: entry.Optional("Shipping")?.Property("Amount").GetAmount(),
                currency: listing.Property("CurrencyCode").GetNonEmptyString(),
                observedAt);
        }
    }

    // Entries for the triggering condition (all entries when none match or no condition is named), as nullable
    // cursors so an empty list reads as "no price" rather than as a default cursor.
    private static IEnumerable<JsonCursor?> ForCondition(IReadOnlyList<JsonCursor> entries, string? condition)
    {
        var matching = string.IsNullOrWhiteSpace(condition)
            ? []
            : entries.Where(e => string.Equals(e.Optional("Condition")?.GetString(), condition, StringComparison.OrdinalIgnoreCase)).ToList();
        return (matching.Count > 0 ? matching : entries).Select(e => (JsonCursor?)e);
    }

    private static decimal Landed(JsonCursor? candidate)
    {
        var entry = candidate!.Value;
        return entry.Optional("LandedPrice")?.Property("Amount").GetAmount()
            ?? entry.Property("ListingPrice").Property("Amount").GetAmount() + (entry.Optional("Shipping")?.Property("Amount").GetAmount() ?? 0m);
    }
}
