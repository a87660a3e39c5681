using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Privacy;

public sealed class OrderRedactorTests
{
    private static ServerlessOps.Domain.Orders.Order SampleOrder() =>
        ShopifyOrderMapper.Map(JsonCursor.Parse(Samples.Bytes("shopify-orders-create.json")), Accounts.Shopify, triggeredAt: null);

    [Fact]
    public void Redact_OrderWithADestination_ErasesCityRegionAndPostalCodeAndKeepsEverythingElse()
    {
        var order = SampleOrder();

        var (redacted, erased) = OrderRedactor.Redact(order);

        Assert.Equal(3, erased);
        Assert.Null(redacted.Shipping!.City);
        Assert.Null(redacted.Shipping.Region);
        Assert.Null(redacted.Shipping.PostalCode);
        Assert.Equal("US", redacted.Shipping.CountryCode);
        Assert.Equal(order.Total, redacted.Total);
        Assert.Equal(order.Status, redacted.Status);
        Assert.Equal(order.Lines, redacted.Lines);
        Assert.Equal(order.Shipping!.Price, redacted.Shipping.Price);
        Assert.Null(OrderRedactor.PersonalValues(redacted)!.GetValueOrDefault("city"));
    }

    [Fact]
    public void Redact_RedactedOrder_IsUnchanged()
    {
        var (once, _) = OrderRedactor.Redact(SampleOrder());

        var (twice, erased) = OrderRedactor.Redact(once);

        Assert.Equal(0, erased);
        Assert.Same(once, twice);
    }

    [Fact]
    public void PersonalValues_OrderWithADestination_NamesIt()
    {
        var values = OrderRedactor.PersonalValues(SampleOrder())!;

        Assert.Equal("Columbus", values["city"]);
        Assert.Equal("43004", values["postalCode"]);
    }
}
