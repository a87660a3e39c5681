using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>
/// The payload samples in <c>shared/channels/samples</c> as editable JSON, and the one document they lack:
/// an SP-API getOrder response, built from the ordersV0 model (CHANNELS.md 2.7) in its <c>{"payload":{...}}</c> shape.
/// </summary>
public static class ChannelSamples
{
    private static readonly JsonSerializerOptions _indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,

        // Bodies keep '+' in UTC offsets and '&' in names as a channel writes them, not as \u002B escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A sample's exact text (the bytes the signature vectors were computed over).</summary>
    public static string Text(string fileName) => File.ReadAllText(RepositoryPaths.ChannelSample(fileName), Encoding.UTF8);

    /// <summary>A sample's exact bytes.</summary>
    public static byte[] Bytes(string fileName) => File.ReadAllBytes(RepositoryPaths.ChannelSample(fileName));

    /// <summary>A sample parsed for editing.</summary>
    public static JsonNode Load(string fileName) =>
        JsonNode.Parse(Text(fileName)) ?? throw new InvalidDataException($"Sample '{fileName}' is empty JSON.");

    /// <summary>Indented like the samples (two spaces), with their trailing newline.</summary>
    public static string Write(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(_indented) + "\n";
    }

    /// <summary>
    /// A getOrder response for an MFN order on amazon.com. Without a Restricted Data Token Amazon returns only the
    /// coarse ShippingAddress fields (city, state, postal code, country), which is what this holds.
    /// </summary>
    public static string AmazonGetOrder(
        string amazonOrderId, string orderStatus, DateTimeOffset purchaseDate, DateTimeOffset lastUpdateDate,
        decimal orderTotal, int itemsShipped, int itemsUnshipped, string postalCode = "43004")
    {
        var payload = new JsonObject
        {
            ["AmazonOrderId"] = amazonOrderId,
            ["PurchaseDate"] = AmazonTime(purchaseDate),
            ["LastUpdateDate"] = AmazonTime(lastUpdateDate),
            ["OrderStatus"] = orderStatus,
            ["FulfillmentChannel"] = "MFN",
            ["SalesChannel"] = "Amazon.com",
            ["ShipServiceLevel"] = "Std US D2D Dom",
            ["OrderTotal"] = Money(orderTotal),
            ["NumberOfItemsShipped"] = itemsShipped,
            ["NumberOfItemsUnshipped"] = itemsUnshipped,
            ["PaymentMethod"] = "Other",
            ["PaymentMethodDetails"] = new JsonArray("Standard"),
            ["MarketplaceId"] = "ATVPDKIKX0DER",
            ["ShipmentServiceLevelCategory"] = "Standard",
            ["OrderType"] = "StandardOrder",
            ["EarliestShipDate"] = AmazonTime(UtcDay(purchaseDate.AddHours(13))),
            ["LatestShipDate"] = AmazonTime(UtcDay(purchaseDate.AddDays(3)).AddSeconds(-1)),
            ["EarliestDeliveryDate"] = AmazonTime(UtcDay(purchaseDate.AddDays(4))),
            ["LatestDeliveryDate"] = AmazonTime(UtcDay(purchaseDate.AddDays(8)).AddSeconds(-1)),
            ["IsBusinessOrder"] = false,
            ["IsPrime"] = false,
            ["IsPremiumOrder"] = false,
            ["IsGlobalExpressEnabled"] = false,
            ["IsReplacementOrder"] = "false",
            ["IsSoldByAB"] = false,
            ["IsISPU"] = false,
            ["IsAccessPointOrder"] = false,
            ["HasRegulatedItems"] = false,
            ["ShippingAddress"] = new JsonObject
            {
                ["StateOrRegion"] = "OH",
                ["PostalCode"] = postalCode,
                ["City"] = "COLUMBUS",
                ["CountryCode"] = "US",
            },
        };
        return Write(new JsonObject { ["payload"] = payload });
    }

    /// <summary>The getOrder answer for the sample order 114-3941689-8772232 (matches amazon-orders-api-order-items.json).</summary>
    public static string AmazonSampleGetOrder() =>
        AmazonGetOrder(
            "114-3941689-8772232", "Unshipped",
            DateTimeOffset.Parse("2026-11-20T19:01:12Z", CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2026-11-20T19:05:39Z", CultureInfo.InvariantCulture),
            orderTotal: 70.24m, itemsShipped: 0, itemsUnshipped: 3);

    /// <summary>SP-API Money: amount as a decimal string.</summary>
    public static JsonObject Money(decimal amount, string currency = "USD") => new()
    {
        ["CurrencyCode"] = currency,
        ["Amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture),
    };

    /// <summary>Amazon's UTC timestamps, e.g. <c>2026-11-20T19:05:39Z</c>.</summary>
    public static string AmazonTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Amazon notification timestamps with milliseconds, e.g. <c>2026-11-20T19:05:41.118Z</c>.</summary>
    public static string AmazonMillis(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Shopify's shop-local timestamps, e.g. <c>2026-11-20T14:03:11-05:00</c> (the samples' shop is on US Eastern).</summary>
    public static string ShopifyTime(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Midnight UTC of the day <paramref name="at"/> falls on (never the machine's time zone).</summary>
    public static DateTimeOffset UtcDay(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>Two-decimal string, the form Shopify and TikTok give money in.</summary>
    public static string Decimal2(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
