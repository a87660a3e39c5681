using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Alerts;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>The alert sweep and the price alerts of orders whose flow the engine no longer holds.</summary>
public sealed partial class OrderFlowTests
{
    /// <summary>
    /// An order whose flow ended and was purged before flow-end records existed has no instance and no end record: its
    /// price alert used to stay open for good. The sweep resolves it once the order is older than any flow lives, never
    /// while it is young (its flow may not have started yet), and never one whose flow still runs, however old.
    /// </summary>
    [Fact]
    public async Task Sweep_PriceAlertOfAnOldOrderWhoseFlowIsGone_IsResolved_ButNotAYoungOneOrOneWithARunningFlow()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var gone = Order("1061", ("L1", "SKU-A", 1, 20m));
        await flow.App.Services.GetRequiredService<IOrderStore>().CreateAsync(new StoredOrder(gone, [], DateTimeOffset.UtcNow), Token);
        var running = Order("1062", ("L1", "SKU-A", 1, 20m));
        await flow.ConvergeAsync(running);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 1);
        var raiser = flow.App.Services.GetRequiredService<IAlertRaiser>();
        var goneAlert = await raiser.RaiseAsync(new AlertRaise(Brand, AlertKind.PriceBelowFloor, AlertSubject.Order(gone.Id), "Sold under its floor.") { Channel = gone.Channel }, Token);
        var runningAlert = await raiser.RaiseAsync(new AlertRaise(Brand, AlertKind.ContributionNegative, AlertSubject.Order(running.Id), "Sold at a loss.") { Channel = running.Channel }, Token);

        var young = await SweepAtAsync(flow, DateTimeOffset.UtcNow);
        Assert.Equal(0, young.OrderPriceAlertsResolved);
        Assert.Equal(AlertState.Open, (await flow.Alerts.GetAsync(Brand, goneAlert.Alert.Id, Token))!.Value.State);

        var old = await SweepAtAsync(flow, DateTimeOffset.UtcNow.AddDays(200));

        Assert.Equal(1, old.OrderPriceAlertsResolved);
        var resolved = (await flow.Alerts.GetAsync(Brand, goneAlert.Alert.Id, Token))!.Value;
        Assert.Equal((AlertState.Resolved, AlertTransitions.System), (resolved.State, resolved.ResolvedBy));
        Assert.Contains("no flow instance", resolved.Resolution, StringComparison.Ordinal);
        Assert.Equal(AlertState.Open, (await flow.Alerts.GetAsync(Brand, runningAlert.Alert.Id, Token))!.Value.State);
    }

    /// <summary>The alert sweep as it runs at <paramref name="now"/> on the app's stores and engine.</summary>
    private static Task<AlertSweepResult> SweepAtAsync(OrderFlowHarness flow, DateTimeOffset now) =>
        ActivatorUtilities.CreateInstance<AlertSweep>(flow.App.Services, new FakeTimeProvider(now)).RunAsync(Token);
}
