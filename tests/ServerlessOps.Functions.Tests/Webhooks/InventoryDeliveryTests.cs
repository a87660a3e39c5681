using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Webhooks;

/// <summary>Inventory-level deliveries land in the inventoryEvents container (read back through the store: no read API serves it yet).</summary>
public sealed class InventoryDeliveryTests(FunctionAppFixture fixture)
{
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    [Fact]
    public async Task AmazonWebhook_ListingsMfnQuantityChange_RecordsTheLevelForTheSku()
    {
        await using var app = TestApp.Start(fixture);
        var webhook = Deliveries.Amazon(ChannelSamples.Bytes("amazon-eventbridge-listings-mfn-quantity.json"), "5f8a3e1c-7b2d-4c96-a0e4-d3b6f9c2e871");

        var ack = await app.Client.SendAcceptedAsync(webhook);

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var level = Assert.Single(await Levels(app, "ACME-MUG-12OZ"));
        Assert.Equal(41, level.Available);
        Assert.Equal(SalesChannel.Amazon, level.Channel);
        Assert.Equal(Accounts.AmazonSellerId, level.ChannelAccountId);
    }

    [Fact]
    public async Task WalmartWebhook_InventoryOutOfStock_RecordsZeroAtTheShipNode()
    {
        await using var app = TestApp.Start(fixture);
        var webhook = Deliveries.Walmart(ChannelSamples.Bytes("walmart-inventory-oos.json"), "0c4b8e52-c7a9-11f0-a6d2-5e9f1b3c8d07");

        var ack = await app.Client.SendAcceptedAsync(webhook);

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var level = Assert.Single(await Levels(app, "ACME-MUG-12OZ"));
        Assert.Equal(0, level.Available);
        Assert.Equal("79912345678", level.LocationId);
        Assert.Equal(SalesChannel.Walmart, level.Channel);
    }

    private static Task<IReadOnlyList<InventoryLevelEvent>> Levels(TestApp app, string sku) =>
        app.Services.GetRequiredService<IInventoryEventStore>().ListAsync(Accounts.BrandId, ItemKey.For(sku, null), TestContext.Current.CancellationToken);
}
