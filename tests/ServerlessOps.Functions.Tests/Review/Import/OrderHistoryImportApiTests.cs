using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.OrderFlow;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.Review.Import;

/// <summary>Order history through the import route of the whole app, its order flows running on the real engine.</summary>
public sealed class OrderHistoryImportApiTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportedOrderPlacedAfterGoLive_StartsNoFlowAndMovesNoStock_WhileAWebhookOrderDoes()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", "wh-1");
        await flow.ReceiveAsync("SKU-A", 10);
        var placed = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O", CultureInfo.InvariantCulture);
        var file = $$"""{"channel":"shopify","channelAccountId":"acme-outfitters.myshopify.com","externalOrderId":"H-1","currency":"USD","createdAt":"{{placed}}","paidAt":"{{placed}}","lines":[{"lineId":"1","channelSku":"SKU-A","quantity":2,"unitPrice":20}]}""" + "\n";

        await flow.ImportAsync("orders", "application/x-ndjson", file);
        var webhook = OrderLedger.Settle(new Order
        {
            BrandId = "acme",
            Channel = SalesChannel.Shopify,
            ChannelAccountId = "acme-outfitters.myshopify.com",
            ExternalOrderId = "W-1",
            Status = OrderStatus.AwaitingFulfilment,
            ChannelStatus = "paid",
            Currency = "USD",
            Lines = [new OrderLine("1", "SKU-A", null, 3, 20m, 0m, 0m)],
            PlacedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            Version = new OrderVersion(DateTimeOffset.UtcNow.AddMinutes(-5)),
        });
        await flow.ConvergeAsync(webhook);

        // The webhook order's flow reserving its 3 units shows flows run in this app; the imported order's 2 never are.
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 3);
        Assert.Null(await flow.Client.GetInstanceAsync(OrderFlowIds.For("acme", SalesChannel.Shopify, "H-1"), Token));
        var imported = (await flow.App.Services.GetRequiredService<IOrderStore>().GetAsync("acme", "shopify:H-1", Token))!.Value.Order;
        Assert.Equal((OrderStatus.AwaitingFulfilment, false), (imported.Status, imported.IsHistory));
        var entries = await flow.Ledger.ListEntriesAsync("acme", "SKU-A", 50, Token);
        Assert.DoesNotContain(entries, e => e.Movement.Cause.Contains("H-1", StringComparison.Ordinal));
        Assert.Equal(3, (await flow.Ledger.GetBalanceAsync("acme", "SKU-A", "wh-1", Token)).Reserved);
    }

    [Fact]
    public async Task OrdersFile_BadRow_Is422WithLineAndColumn_AndOversizedHistoryIs413NamingItsOwnLimit()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff(new Dictionary<string, string> { ["ReviewImport:MaxImportBytes"] = "2048" }));
        const string Bad = "channel,channelAccountId,externalOrderId,currency,createdAt,lineId,channelSku,quantity,unitPrice\n"
            + "shopify,shop,1,USD,2025-11-01,1,A,1,10\n"
            + "shopify,shop,1,USD,2025-11-02,2,B,1,10\n";

        using var bad = await PostAsync(app, "orders", Bad);
        using var large = await PostAsync(app, "orders", Bad + new string('\n', 3000));

        await Problem.AssertOfTypeAsync(bad, HttpStatusCode.UnprocessableEntity, "import-invalid", "line 3, createdAt (column 5)", "differs from line 2");
        await Problem.AssertOfTypeAsync(large, HttpStatusCode.RequestEntityTooLarge, "body-too-large", "ReviewImport:MaxImportBytes");
        Assert.Null(await app.Services.GetRequiredService<IOrderStore>().GetAsync("acme", "shopify:1", Token));
    }

    private OrderFlowHarness Start(out FakeCatalogReader catalog)
    {
        var reader = new FakeCatalogReader();
        catalog = reader;
        var app = TestApp.Start(fixture, TestApp.TriggersOff(), testServices: s =>
        {
            s.RemoveAll<ICatalogReader>();
            s.AddSingleton<ICatalogReader>(reader);
        });
        return new OrderFlowHarness(app);
    }

    private static async Task<HttpResponseMessage> PostAsync(TestApp app, string kind, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "text/csv");
        return await app.Client.Http.PostAsync(new Uri($"api/brands/acme/imports/{kind}", UriKind.Relative), content, Token);
    }
}
