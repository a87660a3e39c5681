using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Tests.Storage;

public sealed class DeliveryMessageTests
{
    [Fact]
    public void Parse_RepeatNamingItsArrival_KeepsItAsTheRepeatKey()
    {
        var arrival = DeliveryMessage.ArrivalIn("_bundles/20261207T120000000Z-0a1b", 3);
        var repeat = new DeliveryMessage("brand-b/walmart/walmart:p:9", "brand-b", "walmart:p:9", DeliveryMessageKind.Duplicate, arrival);

        var parsed = DeliveryMessage.Parse(repeat.ToJson());

        Assert.Equal(repeat, parsed);
        Assert.Equal("_bundles/20261207T120000000Z-0a1b#3", parsed.RepeatKey);
    }

    [Fact]
    public void Parse_RepeatFromBeforeArrivalsWereNamed_IsCountedUnderTheSharedKey()
    {
        // What a version before this one split out of a batch, still on the queue during a deployment.
        var parsed = DeliveryMessage.Parse("{\"blobName\":\"brand-b/walmart/walmart:p:9\",\"brandId\":\"brand-b\",\"deliveryKey\":\"walmart:p:9\",\"kind\":\"Duplicate\"}");

        Assert.Null(parsed.Arrival);
        Assert.Equal(DeliveryMessage.UnnamedArrival, parsed.RepeatKey);
    }

    [Fact]
    public void ToJson_FirstCopy_WritesNoArrival()
    {
        var json = new DeliveryMessage("brand-a/shopify/shopify:shop:1", "brand-a", "shopify:shop:1", DeliveryMessageKind.New).ToJson();

        Assert.DoesNotContain("arrival", json, StringComparison.Ordinal);
        Assert.DoesNotContain("repeatKey", json, StringComparison.Ordinal);
    }
}
