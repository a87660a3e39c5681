using System.Net;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Webhooks;

public sealed class BrandIsolationTests(FunctionAppFixture fixture)
{
    private static readonly ScenarioAccounts Globex = ScenarioAccounts.Default with
    {
        BrandId = "globex",
        ShopifyShopDomain = "globex-goods.myshopify.com",
        ShopifySecret = "test-globex-shopify-secret",
    };

    [Fact]
    public async Task ShopifyWebhook_SameOrderIdOnTwoBrandsShops_EachBrandSeesOnlyItsOwnRecords()
    {
        await using var app = TestApp.Start(fixture, new Dictionary<string, string>
        {
            ["Brands:globex:DisplayName"] = "Globex Goods",
            ["Brands:globex:Accounts:0:Channel"] = "Shopify",
            ["Brands:globex:Accounts:0:AccountId"] = Globex.ShopifyShopDomain,
            ["Brands:globex:Accounts:0:Secret"] = Globex.ShopifySecret,
        });
        using var globex = new AppClient(app.Factory.CreateClient(), Globex.BrandId);
        var body = Deliveries.ShopifyBody("shopify-orders-create.json");

        var acme = await app.Client.SendAcceptedAsync(Deliveries.Shopify(body, "orders/create"));
        var theirs = await globex.SendAcceptedAsync(Deliveries.Shopify(body, "orders/create", accounts: Globex));

        Assert.NotEqual(acme.DeliveryKey, theirs.DeliveryKey);
        await app.Client.WaitForEventAsync(acme.DeliveryKey);
        await globex.WaitForEventAsync(theirs.DeliveryKey);
        const string orderId = "shopify:" + Deliveries.ShopifyOrderId;
        var acmeOrder = (await app.Client.WaitForOrderAsync(orderId)).GetProperty("order");
        var globexOrder = (await globex.WaitForOrderAsync(orderId)).GetProperty("order");
        Assert.Equal(("acme", ScenarioAccounts.Default.ShopifyShopDomain), (acmeOrder.Str("brandId"), acmeOrder.Str("channelAccountId")));
        Assert.Equal(("globex", Globex.ShopifyShopDomain), (globexOrder.Str("brandId"), globexOrder.Str("channelAccountId")));
        Assert.Equal(acme.DeliveryKey, Assert.Single(await app.Client.ChannelEventsAsync()).Str("deliveryKey"));
        Assert.Equal(theirs.DeliveryKey, Assert.Single(await globex.ChannelEventsAsync()).Str("deliveryKey"));
        using var foreign = await globex.GetRawDeliveryAsync(SalesChannel.Shopify, acme.DeliveryKey);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
