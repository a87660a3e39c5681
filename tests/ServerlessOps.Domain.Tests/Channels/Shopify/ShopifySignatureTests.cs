using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Tests.TestSupport;
using static ServerlessOps.Domain.Tests.Channels.Shopify.ShopifyTestRequests;

namespace ServerlessOps.Domain.Tests.Channels.Shopify;

public sealed class ShopifySignatureTests
{
    private static readonly ShopifyWebhookChannel _channel = new();
    private static readonly ChannelCredentials _credentials = new([Secret]);

    [Theory]
    [InlineData("shopify-orders-create.json", CreateHmac)]
    [InlineData("shopify-orders-cancelled.json", CancelledHmac)]
    [InlineData("shopify-inventory-levels-update.json", InventoryHmac)]
    public void ShopifySignature_VectorBodies_ComputeThePublishedValue(string sample, string expected)
    {
        Assert.Equal(expected, ShopifySignature.Compute(Samples.Bytes(sample), Secret));
    }

    [Theory]
    [InlineData("shopify-orders-create.json", CreateHmac)]
    [InlineData("shopify-orders-cancelled.json", CancelledHmac)]
    [InlineData("shopify-inventory-levels-update.json", InventoryHmac)]
    public void ShopifySignature_ValidVector_IsAccepted(string sample, string hmac)
    {
        Assert.True(_channel.Authenticate(Request(Samples.Bytes(sample), "orders/create", hmac), _credentials));
    }

    [Fact]
    public void ShopifySignature_TamperedBody_IsRejected()
    {
        var tampered = Samples.Tampered("shopify-orders-create.json", "\"quantity\": 2,", "\"quantity\": 3,");
        Assert.False(_channel.Authenticate(Request(tampered, "orders/create", CreateHmac), _credentials));
        Assert.Equal(TamperedCreateHmac, ShopifySignature.Compute(tampered, Secret));
    }

    [Fact]
    public void ShopifySignature_WrongSecret_IsRejected()
    {
        var request = Request(Samples.Bytes("shopify-orders-create.json"), "orders/create", CreateHmac);
        Assert.False(_channel.Authenticate(request, new ChannelCredentials(["not-the-secret"])));
    }

    [Fact]
    public void ShopifySignature_PreviousSecretDuringRotation_IsAccepted()
    {
        var request = Request(Samples.Bytes("shopify-orders-create.json"), "orders/create", CreateHmac);
        Assert.True(_channel.Authenticate(request, new ChannelCredentials(["new-secret-after-rotation", Secret])));
    }

    [Fact]
    public void ShopifySignature_MissingHeader_IsRejected()
    {
        var request = Without(Request(Samples.Bytes("shopify-orders-create.json"), "orders/create", CreateHmac), ShopifyHeaders.Hmac);
        Assert.False(_channel.Authenticate(request, _credentials));
    }

    [Fact]
    public void ShopifySignature_EmptyBody_IsRejected()
    {
        var hmacOfEmpty = ShopifySignature.Compute([], Secret);
        Assert.False(_channel.Authenticate(Request([], "orders/create", hmacOfEmpty), _credentials));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("blMs1fc20if3NkGMboOVQCHW6MiS")]
    public void ShopifySignature_MalformedHeader_IsRejected(string hmac)
    {
        Assert.False(_channel.Authenticate(Request(Samples.Bytes("shopify-orders-create.json"), "orders/create", hmac), _credentials));
    }

    [Fact]
    public void ShopifySignature_HeaderNameInOtherCase_IsFound()
    {
        var body = Samples.Bytes("shopify-orders-create.json");
        var request = Requests.Post(body, "/", ("x-shopify-hmac-sha256", CreateHmac));
        Assert.True(ShopifySignature.Verify(body, Domain.Channels.Signatures.WebhookHeaders.Find(request, ShopifyHeaders.Hmac), [Secret]));
    }
}
