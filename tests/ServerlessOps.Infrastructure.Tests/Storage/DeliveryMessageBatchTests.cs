using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Tests.Storage;

public sealed class DeliveryMessageBatchTests
{
    private static readonly DeliveryMessage First = new("brand-a/shopify/shopify:shop:1", "brand-a", "shopify:shop:1", DeliveryMessageKind.New);
    private static readonly DeliveryMessage Second = new("brand-b/walmart/walmart:p:9", "brand-b", "walmart:p:9", DeliveryMessageKind.Duplicate);

    [Fact]
    public void Parse_BatchJson_ReturnsEveryDeliveryInOrder()
    {
        var json = new DeliveryMessageBatch([First, Second]).ToJson();

        var parsed = DeliveryMessageBatch.Parse(json);

        Assert.Equal([First, Second], parsed.Deliveries);
    }

    [Fact]
    public void Parse_BareDeliveryMessage_IsABatchOfOne()
    {
        // What the recovery sweep, replays and earlier versions of the edge put on the queue.
        var parsed = DeliveryMessageBatch.Parse(Second.ToJson());

        Assert.Equal([Second], parsed.Deliveries);
    }

    [Fact]
    public void ToJson_BatchOfOne_IsTheBareDeliveryMessage()
    {
        Assert.Equal(First.ToJson(), new DeliveryMessageBatch([First]).ToJson());
    }

    [Theory]
    [InlineData("not json", "Not a delivery message")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"deliveries\":[]}", "non-empty array")]
    [InlineData("{\"deliveries\":{}}", "non-empty array")]
    [InlineData("{\"deliveries\":[{\"blobName\":\"x\"}]}", "needs blobName, brandId and deliveryKey")]
    public void Parse_NotOneOfOurs_SaysWhatIsWrong(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => DeliveryMessageBatch.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
