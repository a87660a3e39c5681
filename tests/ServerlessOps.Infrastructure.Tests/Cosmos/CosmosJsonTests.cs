using System.Text.Json;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Serialization;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

public sealed class CosmosJsonTests
{
    [Fact]
    public void Serialize_Decimals_AreStringsWithScaleKept()
    {
        var json = JsonSerializer.Serialize(new OrderFee("fee", 10.50m), CosmosJson.Options);

        Assert.Equal("""{"kind":"fee","amount":"10.50"}""", json);
    }

    [Theory]
    [InlineData("\"79228162514264.33759354395\"")]
    [InlineData("79228162514264.33759354395")]
    public void Deserialize_DecimalFromStringOrNumber_IsExact(string amount)
    {
        var fee = JsonSerializer.Deserialize<OrderFee>($$"""{"kind":"fee","amount":{{amount}}}""", CosmosJson.Options);

        Assert.Equal(79228162514264.33759354395m, fee!.Amount);
    }

    [Fact]
    public void Deserialize_EnumAsNumber_IsRejected()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OrderStatus>("3", CosmosJson.Options));
    }

    [Fact]
    public void Serialize_Enum_IsMemberName()
    {
        Assert.Equal("\"AwaitingFulfilment\"", JsonSerializer.Serialize(OrderStatus.AwaitingFulfilment, CosmosJson.Options));
    }

    [Fact]
    public void Serializer_StreamRoundTrip_KeepsOrder()
    {
        var order = TestData.Order("brand-a", "1", new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(9)));
        var serializer = new CosmosSystemTextJsonSerializer(CosmosJson.Options);

        var back = serializer.FromStream<Order>(serializer.ToStream(order));

        Assert.Equivalent(order, back, strict: true);
    }

    [Theory]
    [InlineData("shopify:1234", "shopify:1234")]
    [InlineData("shopify-0123abcdef|x@y=z,w.v_u", "shopify-0123abcdef|x@y=z,w.v_u")]
    [InlineData("a/b", "a~2Fb")]
    [InlineData("50%#?\\~", "50~25~23~3F~5C~7E")]
    [InlineData("tab\there +", "tab~09here~20~2B")]
    [InlineData("Ä€😀", "~C3~84~E2~82~AC~F0~9F~98~80")]
    public void EncodeId_UnsafeCharacters_AreEscapedReversibly(string id, string expected)
    {
        Assert.Equal(expected, CosmosIds.Encode(id));
        Assert.Equal(id, CosmosIds.Decode(CosmosIds.Encode(id)));
    }

    [Fact]
    public void Describe_Orders_IsTheSharedDefinition()
    {
        var orders = CosmosContainers.Describe(CosmosContainers.OrdersName);

        Assert.Equal("/pk", orders.PartitionKeyPath);
        Assert.Equal(["/raw/*", "/lines/*/taxes/*", "/\"_etag\"/?"], orders.IndexingPolicy.ExcludedPaths.Select(p => p.Path));
        Assert.Equal(["/pk", "/type", "/orderDay", "/placedAt"], orders.IndexingPolicy.CompositeIndexes.Single().Select(p => p.Path));
        Assert.All(CosmosContainers.AllNames.Where(n => n != CosmosContainers.OrdersName),
            name => Assert.Empty(CosmosContainers.Describe(name).IndexingPolicy.CompositeIndexes));
    }
}
