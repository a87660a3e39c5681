using System.Text;
using System.Text.Json.Nodes;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Privacy;

public sealed class PersonalDataRedactorTests
{
    private static readonly string[] _buyerValues =
        ["jordan.lee@example.com", "Jordan", "Lee", "Jordan Lee", "100 Example Ave", "Apt 4", "Columbus", "43004", "+1 555-010-0199"];

    private static JsonNode OrderWithEveryPersonalField()
    {
        var order = JsonNode.Parse(Samples.Bytes("shopify-orders-create.json"))!;
        order["browser_ip"] = "203.0.113.7";
        order["note"] = "Leave it with the neighbour at number 6";
        order["contact_email"] = "jordan.lee@example.com";
        order["client_details"] = new JsonObject { ["browser_ip"] = "203.0.113.7", ["user_agent"] = "Mozilla/5.0 (Jordan's phone)" };
        order["shipping_address"]!["latitude"] = 39.96;
        order["shipping_address"]!["longitude"] = -82.99;
        order["note_attributes"] = new JsonArray(new JsonObject { ["name"] = "gift message", ["value"] = "Happy birthday Sam" });
        return order;
    }

    [Fact]
    public void Redact_ShopifyOrder_ErasesEveryPersonalValueAndKeepsMoneyLinesAndStatus()
    {
        var order = OrderWithEveryPersonalField();
        var before = order.ToJsonString(PersonalDataRedactor.StorageJson);

        var redaction = PersonalDataRedactor.Redact(order);

        var after = order.ToJsonString(PersonalDataRedactor.StorageJson);
        Assert.True(redaction.Changed);
        foreach (var value in _buyerValues.Concat(["203.0.113.7", "Leave it with", "Happy birthday", "39.96", "-82.99", "Mozilla"]))
        {
            Assert.Contains(value, before, StringComparison.Ordinal);
            Assert.DoesNotContain(value, after, StringComparison.Ordinal);
        }

        Assert.Equal("65.61", order["total_price"]!.GetValue<string>());
        Assert.Equal("paid", order["financial_status"]!.GetValue<string>());
        Assert.Equal("#1043", order["name"]!.GetValue<string>());
        Assert.Equal(2, order["line_items"]!.AsArray().Count);
        Assert.Equal("US", order["shipping_address"]!["country_code"]!.GetValue<string>());
        Assert.Equal(7700011223344, order["customer"]!["id"]!.GetValue<long>());
    }

    [Fact]
    public void Redact_AlreadyRedactedDocument_ErasesNothingMore()
    {
        var order = OrderWithEveryPersonalField();
        PersonalDataRedactor.Redact(order);
        var once = order.ToJsonString(PersonalDataRedactor.StorageJson);

        var again = PersonalDataRedactor.Redact(order);

        Assert.False(again.Changed);
        Assert.Equal(once, order.ToJsonString(PersonalDataRedactor.StorageJson));
    }

    [Fact]
    public void Redact_Utf8Body_KeepsLargeIdsExactAndReportsTheErasedValues()
    {
        var result = PersonalDataRedactor.Redact(Samples.Bytes("shopify-orders-create.json"));

        Assert.NotNull(result);
        var text = Encoding.UTF8.GetString(result.Value.Body);
        Assert.Contains("6120001122334", text, StringComparison.Ordinal);
        Assert.Contains("jordan.lee@example.com", result.Value.Redaction.ErasedValues);
        Assert.DoesNotContain("jordan.lee@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", result.Value.Redaction.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_NotJson_ReturnsNullForTheCallerToDecide()
    {
        Assert.Null(PersonalDataRedactor.Redact("not json {"u8));
    }

    [Fact]
    public void Redact_PrivacyRequestBody_KeepsTheIdsAMatchNeedsAndErasesEmailAndPhone()
    {
        var body = JsonNode.Parse("""{"shop_id": 1, "shop_domain": "acme.myshopify.com", "customer": {"id": 77, "email": "a@example.com", "phone": "+1 555 0100"}, "orders_to_redact": [6120001122334]}""")!;

        PersonalDataRedactor.Redact(body);

        Assert.Equal("""{"shop_id":1,"shop_domain":"acme.myshopify.com","customer":{"id":77,"email":null,"phone":null},"orders_to_redact":[6120001122334]}""", body.ToJsonString(PersonalDataRedactor.StorageJson));
    }

    [Fact]
    public void Extract_ShopifyOrder_ReturnsOnlyThePersonalParts()
    {
        var extract = PersonalDataRedactor.Extract(OrderWithEveryPersonalField())!.ToJsonString(PersonalDataRedactor.StorageJson);

        foreach (var value in _buyerValues)
        {
            Assert.Contains(value, extract, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("65.61", extract, StringComparison.Ordinal);
        Assert.DoesNotContain("ACME-MUG", extract, StringComparison.Ordinal);
        Assert.DoesNotContain("financial_status", extract, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DocumentWithoutPersonalData_IsNull()
    {
        Assert.Null(PersonalDataRedactor.Extract(JsonNode.Parse("""{"id": 1, "total_price": "5.00", "line_items": [{"sku": "A"}]}""")));
    }

    [Fact]
    public void Scrub_FreeTextQuotingAnErasedValue_ReplacesItButNotShortValues()
    {
        var scrubbed = PersonalDataRedactor.Scrub("zip: expected 5 digits, found 'Columbus 43004' (OH)", ["Columbus", "43004", "OH"]);

        Assert.Equal("zip: expected 5 digits, found '[redacted] [redacted]' (OH)", scrubbed);
    }
}
