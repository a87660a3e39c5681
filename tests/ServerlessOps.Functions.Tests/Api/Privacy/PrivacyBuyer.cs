using System.Globalization;
using System.Text.Json.Nodes;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Api.Privacy;

/// <summary>
/// A buyer with personal data unique to the test (so "no trace left" can be searched for anywhere), and Shopify order
/// and privacy payloads for them built from the shared samples.
/// </summary>
public sealed record PrivacyBuyer(string CustomerId, string Email, string Phone, string FirstName, string LastName, string Street, string City, string Zip)
{
    public static PrivacyBuyer New()
    {
        var tag = Deliveries.Digits(6);
        return new PrivacyBuyer(
            Deliveries.Digits(13),
            $"buyer.{tag}@example.com",
            $"555-01{tag[..2]}-{tag[2..]}",
            $"Firstname{tag}",
            $"Lastname{tag}",
            $"{tag} Privacy Street",
            $"Cityville{tag}",
            $"9{tag[..4]}");
    }

    /// <summary>Every personal value of the buyer: none may remain after a redaction.</summary>
    public IReadOnlyList<string> PersonalValues => [Email, Phone, FirstName, LastName, Street, City, Zip];

    /// <summary>The create sample as an order of this buyer, placed at <paramref name="placedAt"/>.</summary>
    public byte[] Order(string orderId, DateTimeOffset placedAt, DateTimeOffset? updatedAt = null) =>
        Deliveries.ShopifyBody("shopify-orders-create.json", node =>
        {
            node["id"] = long.Parse(orderId, CultureInfo.InvariantCulture);
            node["name"] = $"#{orderId[^4..]}";
            node["email"] = Email;
            node["phone"] = Phone;
            node["created_at"] = ChannelSamples.ShopifyTime(placedAt);
            node["processed_at"] = ChannelSamples.ShopifyTime(placedAt);
            node["updated_at"] = ChannelSamples.ShopifyTime(updatedAt ?? placedAt.AddSeconds(1));
            node["browser_ip"] = "203.0.113.77";
            node["customer"] = new JsonObject
            {
                ["id"] = long.Parse(CustomerId, CultureInfo.InvariantCulture),
                ["email"] = Email,
                ["first_name"] = FirstName,
                ["last_name"] = LastName,
            };
            node["shipping_address"] = Address();
            node["billing_address"] = Address();
        });

    public byte[] Redact(params string[] orderIds) => Request("orders_to_redact", orderIds);

    public byte[] DataRequest(string dataRequestId, params string[] orderIds)
    {
        var body = JsonNode.Parse(Request("orders_requested", orderIds))!;
        body["data_request"] = new JsonObject { ["id"] = long.Parse(dataRequestId, CultureInfo.InvariantCulture) };
        return Deliveries.Utf8(ChannelSamples.Write(body));
    }

    public static byte[] ShopRedact() =>
        Deliveries.Utf8("""{"shop_id": 954889, "shop_domain": "acme-outfitters.myshopify.com"}""");

    private byte[] Request(string ordersProperty, string[] orderIds) =>
        Deliveries.Utf8(ChannelSamples.Write(new JsonObject
        {
            ["shop_id"] = 954889,
            ["shop_domain"] = "acme-outfitters.myshopify.com",
            ["customer"] = new JsonObject { ["id"] = long.Parse(CustomerId, CultureInfo.InvariantCulture), ["email"] = Email, ["phone"] = Phone },
            [ordersProperty] = new JsonArray([.. orderIds.Select(id => (JsonNode)long.Parse(id, CultureInfo.InvariantCulture))]),
        }));

    private JsonObject Address() => new()
    {
        ["first_name"] = FirstName,
        ["last_name"] = LastName,
        ["name"] = $"{FirstName} {LastName}",
        ["address1"] = Street,
        ["city"] = City,
        ["province"] = "Ohio",
        ["province_code"] = "OH",
        ["zip"] = Zip,
        ["country"] = "United States",
        ["country_code"] = "US",
        ["phone"] = Phone,
        ["latitude"] = 39.9612,
        ["longitude"] = -82.9988,
    };
}
