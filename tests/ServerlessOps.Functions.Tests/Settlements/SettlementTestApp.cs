using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Settlements;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Settlements;

/// <summary>
/// An app with its own stub marketplace (payouts and faults of one test only) and the settlement timer off, so only the
/// test runs the import; orders are put straight into the truth, as the webhook path or the history import would.
/// </summary>
internal sealed class SettlementTestApp : IAsyncDisposable
{
    private SettlementTestApp(TestApp app, Marketplace marketplace)
    {
        App = app;
        Marketplace = marketplace;
    }

    public TestApp App { get; }

    public Marketplace Marketplace { get; }

    public IOrderStore Orders => App.Services.GetRequiredService<IOrderStore>();

    public ISettlementStore Store => App.Services.GetRequiredService<ISettlementStore>();

    public static string AccountId(SalesChannel channel) => ScenarioAccounts.Default.AccountId(channel);

    /// <param name="overrides">Settings added to the test's own (e.g. <c>Alerts:WebhookUrl</c>, so notifications are sent).</param>
    public static async Task<SettlementTestApp> StartAsync(
        FunctionAppFixture fixture, Action<IServiceCollection>? testServices = null, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var marketplace = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        var settings = new Dictionary<string, string>
        {
            ["Settlements:TimerEnabled"] = "false",
            ["Backstop:TimerEnabled"] = "false",
            ["Drift:TimerEnabled"] = "false",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return new SettlementTestApp(TestApp.Start(fixture, settings, marketplace: marketplace, testServices: testServices), marketplace);
    }

    public Task<SettlementRunReport> RunAsync() =>
        App.Services.GetRequiredService<SettlementImport>().RunAsync("acme", TestContext.Current.CancellationToken);

    /// <summary>A paid order of two lines (L1 of SKU-A at 40.00, L2 of SKU-B at 20.00) placed at <paramref name="placedAt"/>, stored in the truth.</summary>
    public async Task<Order> PutOrderAsync(SalesChannel channel, string externalOrderId, DateTimeOffset placedAt)
    {
        var order = new Order
        {
            BrandId = "acme",
            Channel = channel,
            ChannelAccountId = AccountId(channel),
            ExternalOrderId = externalOrderId,
            Status = OrderStatus.AwaitingFulfilment,
            ChannelStatus = "paid",
            Currency = "USD",
            Lines = [new OrderLine("L1", "SKU-A", "Tee", 1, 40m, 0m, 0m), new OrderLine("L2", "SKU-B", "Cap", 1, 20m, 0m, 0m)],
            PlacedAt = placedAt,
            Version = new OrderVersion(placedAt),
        };
        await Orders.CreateAsync(new StoredOrder(order, [], placedAt), TestContext.Current.CancellationToken);
        return order;
    }

    public async Task<Order> OrderAsync(SalesChannel channel, string externalOrderId) =>
        (await Orders.GetAsync("acme", OrderId.For(channel, externalOrderId), TestContext.Current.CancellationToken))!.Value.Order;

    public static SettlementAccountReport For(SettlementRunReport report, SalesChannel channel) =>
        Assert.Single(report.Accounts, a => a.Channel == channel);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Marketplace.DisposeAsync();
    }
}
