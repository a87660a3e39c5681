using ServerlessOps.Domain.Channels.Json;

namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>
/// The selling-partner id a notification is for. It sits at different depths per type (samples, CHANNELS.md 2.3):
/// <c>Payload.SellerId</c> (LISTINGS_ITEM_MFN_QUANTITY_CHANGE, FBA_INVENTORY_AVAILABILITY_CHANGES), or one object
/// down (<c>Payload.OrderChangeNotification.SellerId</c>, <c>Payload.AnyOfferChangedNotification.SellerId</c>,
/// camelCase <c>payload.merchantOffer.sellerId</c> in PRICING_HEALTH).
/// </summary>
public static class AmazonSellerLocator
{
    private const string SellerId = "SellerId";

    public static string? Find(AmazonDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Notification.Optional("Payload") is not { } payload || payload.Kind != System.Text.Json.JsonValueKind.Object)
        {
            return null;
        }

        if (Text(payload.Optional(SellerId)) is { } direct)
        {
            return direct;
        }

        foreach (var property in payload.Element.EnumerateObject())
        {
            if (property.Value.ValueKind == System.Text.Json.JsonValueKind.Object
                && Text(payload.Property(property.Name).Optional(SellerId)) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private static string? Text(JsonCursor? value) =>
        value is { Kind: System.Text.Json.JsonValueKind.String } text && !string.IsNullOrWhiteSpace(text.GetString())
            ? text.GetString()!.Trim()
            : null;
}
