using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos.Stores;

namespace ServerlessOps.Functions.Tests.Settlements;

public sealed partial class SettlementImportTests
{
    [Fact]
    public async Task OrderWriteConflictingThroughEveryAttempt_IsItsAccountsError_LeavesItsRowsPending_AndTheOtherOrdersAndAccountsGoOn()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture, services => services.Replace(
            ServiceDescriptor.Singleton<IOrderStore>(sp => new OrderWritesAlwaysConflict(sp.GetRequiredService<CosmosOrderStore>(), "amazon:9010"))));
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Amazon, "9010", placed);
        await settle.PutOrderAsync(SalesChannel.Amazon, "9011", placed);
        await settle.PutOrderAsync(SalesChannel.Walmart, "9010", placed);
        settle.Marketplace.PutPayout(SalesChannel.Amazon, PaidOrder("9010", placed, "G-10"));
        settle.Marketplace.PutPayout(SalesChannel.Amazon, PaidOrder("9011", placed, "G-11"));
        settle.Marketplace.PutPayout(SalesChannel.Walmart, PaidOrder("9010", placed, "ignored"));

        var report = await settle.RunAsync();

        // Amazon's account says which order could not be written; its rows wait for the next run, its other order is written.
        var amazon = SettlementTestApp.For(report, SalesChannel.Amazon);
        Assert.NotNull(amazon.Error);
        Assert.Contains("amazon:9010", amazon.Error, StringComparison.Ordinal);
        Assert.Equal(["amazon:9011"], amazon.OrdersUpdated);
        Assert.Equal(["9010"], amazon.Pending);
        Assert.Empty((await settle.OrderAsync(SalesChannel.Amazon, "9010")).Fees);
        Assert.All(
            await settle.Store.ListPendingAsync("acme", SalesChannel.Amazon, SettlementTestApp.AccountId(SalesChannel.Amazon), Token),
            l => Assert.Equal("9010", l.Line.ExternalOrderId));

        // The account after it in the run is imported as usual.
        var walmart = SettlementTestApp.For(report, SalesChannel.Walmart);
        Assert.Null(walmart.Error);
        Assert.Equal(["walmart:9010"], walmart.OrdersUpdated);
        Assert.Equal(7.21m, (await settle.OrderAsync(SalesChannel.Walmart, "9010")).Fees.Sum(f => f.Amount));
    }
}
