using System.Net;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Api;

/// <summary>GET /api/brands/{brandId}/inventory: the levels the channels reported, newest per account and location.</summary>
public sealed class InventoryApiTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task GetInventory_LevelsFromTwoChannels_AnswersTheNewestPerLocationAndTheirSum()
    {
        await using var app = TestApp.Start(fixture);
        await ApplyAsync(app, Deliveries.Amazon(ChannelSamples.Bytes("amazon-eventbridge-listings-mfn-quantity.json"), "5f8a3e1c-7b2d-4c96-a0e4-d3b6f9c2e871"));
        await ApplyAsync(app, Deliveries.Walmart(ChannelSamples.Bytes("walmart-inventory-oos.json"), "0c4b8e52-c7a9-11f0-a6d2-5e9f1b3c8d07"));

        var inventory = await GetOkAsync(app, "inventory?sku=ACME-MUG-12OZ");

        Assert.Equal("ACME-MUG-12OZ", inventory.Str("itemKey"));
        Assert.Equal(41, inventory.Number("available"));
        var levels = inventory.Items("levels");
        Assert.Equal(["Amazon", "Walmart"], levels.Select(l => l.Str("channel")));
        Assert.Equal(41, levels[0].Number("available"));
        Assert.Equal(0, levels[1].Number("available"));
        Assert.Equal("79912345678", levels[1].Str("locationId"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, inventory.GetProperty("history").ValueKind);
    }

    [Fact]
    public async Task GetInventory_ChannelFilterAndHistory_AnswerOnlyThatChannelWithEveryObservation()
    {
        await using var app = TestApp.Start(fixture);
        await ApplyAsync(app, Deliveries.Amazon(ChannelSamples.Bytes("amazon-eventbridge-listings-mfn-quantity.json"), "5f8a3e1c-7b2d-4c96-a0e4-d3b6f9c2e871"));
        await ApplyAsync(app, Deliveries.Walmart(ChannelSamples.Bytes("walmart-inventory-oos.json"), "0c4b8e52-c7a9-11f0-a6d2-5e9f1b3c8d07"));

        var inventory = await GetOkAsync(app, "inventory?sku=ACME-MUG-12OZ&channel=walmart&history=true");

        Assert.Equal("Walmart", Assert.Single(inventory.Items("levels")).Str("channel"));
        Assert.Single(inventory.Items("history"));
    }

    [Fact]
    public async Task GetInventory_ShopifyReportsItsItemId_IsAskedForByItem()
    {
        await using var app = TestApp.Start(fixture);
        await ApplyAsync(app, Deliveries.Shopify(ChannelSamples.Bytes("shopify-inventory-levels-update.json"), "inventory_levels/update"));

        var inventory = await GetOkAsync(app, "inventory?item=47001122334455");

        Assert.Equal("item:47001122334455", inventory.Str("itemKey"));
        Assert.Equal(37, Assert.Single(inventory.Items("levels")).Number("available"));
    }

    [Fact]
    public async Task GetInventory_NothingReported_AnswersNoLevels()
    {
        await using var app = TestApp.Start(fixture);

        var inventory = await GetOkAsync(app, "inventory?sku=NEVER-SOLD");

        Assert.Empty(inventory.Items("levels"));
        Assert.Equal(0, inventory.Number("available"));
    }

    [Theory]
    [InlineData("inventory", "sku")]
    [InlineData("inventory?sku=A&item=B", "exactly one")]
    [InlineData("inventory?sku=A&channel=ebay", "channel")]
    [InlineData("inventory?sku=A&history=yes", "history")]
    public async Task GetInventory_BadParameters_Is400NamingThem(string query, string named)
    {
        await using var app = TestApp.Start(fixture);

        using var response = await app.Client.Http.GetAsync(new Uri($"api/brands/acme/{query}", UriKind.Relative), TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, named);
    }

    private static async Task ApplyAsync(TestApp app, Testing.Webhooks.SignedWebhook webhook)
    {
        var ack = await app.Client.SendAcceptedAsync(webhook);
        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
    }

    private static async Task<System.Text.Json.JsonElement> GetOkAsync(TestApp app, string relative)
    {
        using var response = await app.Client.Http.GetAsync(new Uri($"api/brands/acme/{relative}", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {relative} answered {(int)response.StatusCode}: {body}");
        return Json.Parse(body);
    }
}
