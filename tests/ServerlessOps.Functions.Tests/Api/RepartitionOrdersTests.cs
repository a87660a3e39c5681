using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Testing.Cosmos;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Functions.Tests.Api;

/// <summary>
/// Orders written in the brand-partitioned layout (schema 1) move to brand and month: at start by themselves, or on
/// the admin endpoint; either way the read APIs find every order throughout.
/// </summary>
public sealed class RepartitionOrdersTests(FunctionAppFixture fixture)
{
    private static readonly DateTimeOffset Placed = new(2026, 11, 20, 14, 3, 11, TimeSpan.FromHours(-5));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RepartitionOrders_OldLayoutOrders_AreMovedAndReadableAndASecondCallMovesNothing()
    {
        await using var app = TestApp.Start(fixture, new Dictionary<string, string> { ["Orders:MigrateAtStart"] = "false" });
        var orders = app.Services.GetRequiredService<CosmosContainers>().Orders;
        await app.Services.GetRequiredService<ICosmosInitializer>().InitializeAsync(Token);
        await LegacyOrderDocuments.PutAsync(orders, LegacyOrderDocuments.Order("acme", "7001", Placed, Placed, deliveryKeys: ["d-7001"]), Token);
        await LegacyOrderDocuments.PutAsync(orders, LegacyOrderDocuments.Order("acme", "7002", Placed.AddMinutes(5), Placed.AddMinutes(5), deliveryKeys: ["d-7002"]), Token);

        // Before the move the day's list already sees both (it reads the old layout too).
        Assert.Equal(2, (await app.Client.OrdersForDayAsync(new DateOnly(2026, 11, 20))).Length);

        var first = await PostAsync(app);
        var second = await PostAsync(app);

        Assert.Equal(2, first.Number("moved"));
        Assert.True(first.GetProperty("complete").GetBoolean());
        Assert.Equal(0, second.Number("moved") + second.Number("merged") + second.Number("alreadyMoved"));
        Assert.Empty(await LegacyOrderDocuments.LeftInOldLayoutAsync(orders, "acme", Token));
        var order = await app.Client.WaitForOrderAsync("shopify:7002");
        Assert.Equal("d-7002", Assert.Single(order.Items("deliveries")).Str("deliveryKey"));
        Assert.Equal(2, (await app.Client.OrdersForDayAsync(new DateOnly(2026, 11, 20))).Length);
    }

    [Fact]
    public async Task FunctionApp_StartsOnOldLayoutOrders_MovesThemByItself()
    {
        var settings = fixture.Settings(LocalStackSettings.NewRunId());
        var options = new CosmosOptions
        {
            ConnectionString = settings["Cosmos:ConnectionString"],
            AcceptEmulatorCertificate = true,
            CreateIfMissing = true,
            DatabaseName = settings["Cosmos:DatabaseName"],
        };
        using var client = CosmosClientFactory.Create(options);
        await CosmosContainers.EnsureCreatedAsync(client, options.DatabaseName, Token);
        var orders = new CosmosContainers(client, options.DatabaseName).Orders;
        await LegacyOrderDocuments.PutAsync(orders, LegacyOrderDocuments.Order("acme", "7101", Placed, Placed, deliveryKeys: ["d-7101"]), Token);

        await using var factory = new FunctionAppFactory(settings);
        using var app = new AppClient(factory.CreateClient());

        await Poll.UntilAsync<string>(
            async ct => (await LegacyOrderDocuments.LeftInOldLayoutAsync(orders, "acme", ct)).Count == 0 ? "moved" : null,
            "the start-up move to leave the old layout empty");
        Assert.NotNull(await LegacyOrderDocuments.ReadAsync(orders, "acme|2026-11", "shopify:7101", Token));
        Assert.Equal("7101", (await app.WaitForOrderAsync("shopify:7101")).GetProperty("order").Str("externalOrderId"));
    }

    private static async Task<System.Text.Json.JsonElement> PostAsync(TestApp app)
    {
        using var response = await app.Client.Http.PostAsync(new Uri("api/brands/acme/orders/repartition", UriKind.Relative), content: null, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST repartition answered {(int)response.StatusCode}: {body}");
        return Json.Parse(body);
    }
}
