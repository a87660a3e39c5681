using System.Text.Json.Nodes;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Privacy;

public sealed class BuyerMatchTests
{
    private static readonly PrivacyRequestNotice _request =
        new(PrivacyRequestKind.CustomerRedact, "acme-outfitters.myshopify.com", "7700011223344", ["6120001122334"], null) { Email = "jordan.lee@example.com" };

    [Fact]
    public void Concerns_TheOrderNamed_IsTrue() =>
        Assert.True(BuyerMatch.Concerns(JsonNode.Parse(Samples.Bytes("shopify-orders-create.json")), _request));

    [Fact]
    public void Concerns_ARefundOfTheOrderNamed_IsTrue() =>
        Assert.True(BuyerMatch.Concerns(JsonNode.Parse(Samples.Bytes("shopify-refunds-create.json")), _request));

    [Fact]
    public void Concerns_AnotherBuyersOrderCarryingTheEmail_IsTrue() =>
        Assert.True(BuyerMatch.Concerns(JsonNode.Parse("""{"id": 1, "line_items": [], "contact_email": "JORDAN.LEE@example.com"}"""), _request));

    [Fact]
    public void Concerns_AnotherBuyersOrder_IsFalse() =>
        Assert.False(BuyerMatch.Concerns(JsonNode.Parse("""{"id": 2, "line_items": [], "email": "sam@example.com", "customer": {"id": 9}}"""), _request));

    [Fact]
    public void Concerns_AnInventoryLevelWhoseItemIdEqualsAnOrderId_IsFalse() =>
        Assert.False(BuyerMatch.Concerns(JsonNode.Parse("""{"id": 6120001122334, "available": 3}"""), _request));
}
