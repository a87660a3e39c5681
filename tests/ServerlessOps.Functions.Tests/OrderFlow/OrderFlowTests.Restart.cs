using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Inventory;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>The retry route restarting a flow someone terminated (or the engine failed), from what its status recorded.</summary>
public sealed partial class OrderFlowTests
{
    /// <summary>
    /// A flow is terminated while its reservation of 2 units is in flight; the reservation lands after all, then the
    /// order grows to 3 units and the retry route restarts the flow. It reserves the one new unit: the restart used to
    /// forget the movement it had sent, reserve all 3 again under a new cause, and leave 5 units reserved for a 3-unit order.
    /// </summary>
    [Fact]
    public async Task TerminatedWhileItsReservationWasInFlight_RestartedAfterTheOrderGrew_ReservesOnlyTheNewUnit()
    {
        var catalog = new FakeCatalogReader().Map("SKU-A", Warehouse);
        await using var flow = OrderFlowHarness.Start(fixture, catalog, TestApp.TriggersOff(), moreServices: s =>
        {
            s.RemoveAll<IInventoryLedgerStore>();
            s.AddSingleton<IInventoryLedgerStore>(sp => new GatedReservations(sp.GetRequiredService<CosmosInventoryLedgerStore>()));
        });
        await flow.ReceiveAsync("SKU-A", 10);
        var ledger = (GatedReservations)flow.Ledger;
        ledger.Close();
        var order = Order("1050", ("L1", "SKU-A", 2, 20m));
        await flow.ConvergeAsync(order);
        await ledger.Entered.WaitAsync(Token);

        await TerminateAsync(flow, order);
        ledger.Open();
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 2);
        await flow.ConvergeAsync(Next(order, lines => [lines[0] with { Quantity = 3 }]));
        await RetryAsync(flow, order);

        await flow.WaitForStatusAsync(
            order, s => s.GetProperty("Lines").TryGetProperty("L1", out var line) && line.GetProperty("Reserved").GetInt32() == 3 && s.GetProperty("PendingMovements").GetInt32() == 0, "the restart's reservation");
        Assert.Equal(3, (await flow.Ledger.GetBalanceAsync(Brand, "SKU-A", Warehouse, Token)).Reserved);
    }

    /// <summary>
    /// A flow on its exception path (2 units short) is terminated; stock arrives and the retry route restarts it. It
    /// reserves the 2 units and resolves its exception: the restart used to ask the ledger again under the cause it had
    /// refused (the attempt number forgotten), which the ledger keeps refused, so the order could never be reserved.
    /// </summary>
    [Fact]
    public async Task TerminatedOnItsShortReservationPath_RestartedAfterStockArrives_ReservesAndResolvesTheException()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 1);
        var order = Order("1051", ("L1", "SKU-A", 2, 20m));
        await flow.ConvergeAsync(order);
        Assert.Equal("short-reservation", (await flow.WaitForOpenExceptionAsync(order)).Cause);

        await TerminateAsync(flow, order);
        await flow.ReceiveAsync("SKU-A", 3);
        await RetryAsync(flow, order);

        var status = await WaitForRestartSettledAsync(flow, order);
        Assert.Equal((int)FlowStage.Active, status.GetProperty("Stage").GetInt32());
        await flow.WaitForBalanceAsync("SKU-A", onHand: 4, reserved: 2);
        await Poll.UntilAsync(async ct => (await flow.Exceptions.ListOpenAsync(Brand, ct)).Count == 0 ? "none" : null, "the exception resolved");
    }

    /// <summary>
    /// Two on-call engineers retry one terminated flow at the same moment. It restarts once: the other retry is answered
    /// 409, or, if it came after the restart was scheduled, wakes the restarted flow. Both used to find the flow
    /// terminated and both restart it, two starts of one instance racing in the engine.
    /// </summary>
    [Fact]
    public async Task TerminatedFlow_RetriedTwiceAtOnce_RestartsOnce()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1056", ("L1", "SKU-A", 2, 20m));
        await flow.ConvergeAsync(order);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 2);
        await TerminateAsync(flow, order);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var retry = await flow.App.Client.Http.PostAsync(new Uri($"{OrderFlowHarness.FlowPath(order)}/retry", UriKind.Relative), null, Token);
            return (retry.StatusCode, Body: await retry.Content.ReadAsStringAsync(Token));
        }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted && a.Body.Contains("restarted after Terminated", StringComparison.Ordinal));
        var other = Assert.Single(answers, a => !a.Body.Contains("restarted after Terminated", StringComparison.Ordinal));
        Assert.True(
            other.StatusCode == HttpStatusCode.Conflict && other.Body.Contains("already being restarted", StringComparison.Ordinal)
            || other.StatusCode == HttpStatusCode.Accepted && other.Body.Contains("retry event raised", StringComparison.Ordinal),
            $"The second retry answered {(int)other.StatusCode}: {other.Body}");
        await WaitForRestartSettledAsync(flow, order);
        Assert.Equal(2, (await flow.Ledger.GetBalanceAsync(Brand, "SKU-A", Warehouse, Token)).Reserved);
    }

    private static async Task TerminateAsync(OrderFlowHarness flow, Order order)
    {
        await flow.Client.TerminateInstanceAsync(OrderFlowHarness.InstanceId(order), "stopped by the on-call engineer", Token);
        await Poll.UntilAsync(
            async ct => (await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), ct))?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated ? "terminated" : null,
            "the flow terminated");
    }

    /// <summary>The restarted flow's status once its first step is done (second execution, past New, nothing unconfirmed).</summary>
    private static async Task<JsonElement> WaitForRestartSettledAsync(OrderFlowHarness flow, Order order) =>
        JsonDocument.Parse(await flow.WaitForStatusAsync(
            order,
            s => s.GetProperty("Execution").GetInt32() == 2 && s.GetProperty("Stage").GetInt32() != (int)FlowStage.New && s.GetProperty("PendingMovements").GetInt32() == 0,
            "the restarted flow past its first step")).RootElement.Clone();
}
