using System.Text.Json;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>A channel ship-by moved after its SLA alert.</summary>
public sealed partial class OrderFlowTests
{
    /// <summary>
    /// Walmart's ship-by passes (the fulfilment owner alerted), then Walmart moves it to a few seconds from now: the
    /// alert is resolved, since the order is no longer late, and the new deadline is watched: missed too, it alerts
    /// again. The alert used to stay open through the new deadline, and its miss went unsaid.
    /// </summary>
    [Fact]
    public async Task ShipByMovedLaterAfterItsAlert_ResolvesTheAlert_AndAlertsAgainWhenTheNewOneIsMissed()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1053", ("L1", "SKU-A", 1, 20m)) with
        {
            Channel = SalesChannel.Walmart,
            ChannelAccountId = ServerlessOps.Testing.Scenarios.ScenarioAccounts.Default.AccountId(SalesChannel.Walmart),
            ShipBy = DateTimeOffset.UtcNow.AddHours(-1),
        };
        await flow.ConvergeAsync(order);
        await Poll.UntilAsync(async ct => (await flow.Alerts.ListAsync(Brand, AlertState.Open, AlertKind.SlaMissed, ct)).SingleOrDefault(), "the SLA alert");

        await flow.ConvergeAsync(Next(order, lines => lines) with { ShipBy = DateTimeOffset.UtcNow.AddSeconds(5) });

        var status = JsonDocument.Parse(await flow.WaitForStatusAsync(
            order, s => Steps(s).Count(x => x == "sla-missed") == 2, "the new ship-by missed and alerted")).RootElement;
        var steps = Steps(status);
        Assert.Equal(["sla-missed", "ship-by-changed", "sla-cleared", "sla-missed"], steps.Where(x => x.StartsWith("sla-", StringComparison.Ordinal) || x == "ship-by-changed"));
        Assert.Single(await flow.Alerts.ListAsync(Brand, AlertState.Open, AlertKind.SlaMissed, Token));
    }
}
