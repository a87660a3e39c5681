using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.OrderFlow;
using ServerlessOps.Functions.Tests.Backstop;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// The starter and orders whose flow ended and was purged before flows recorded their end: no instance, no end record.
/// </summary>
public sealed partial class OrderFlowTests
{
    /// <summary>
    /// An order placed 200 days ago whose flow left no instance and no end record is changed again (a late cancellation):
    /// the change is stored, no flow starts and nothing is reserved, and log 1805 says why. The starter used to read "no
    /// instance" as "never started": the fresh flow reserved stock again for an order shipped months ago.
    /// </summary>
    [Fact]
    public async Task OldOrderWithNoFlowInstanceAndNoEndRecord_ChangedAgain_StartsNoFlowAndReservesNothing()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = PlacedDaysAgo(Order("1071", ("L1", "SKU-A", 2, 20m)), 200);
        await flow.App.Services.GetRequiredService<IOrderStore>().CreateAsync(new StoredOrder(order, [], DateTimeOffset.UtcNow), Token);

        var written = await flow.ConvergeAsync(Next(order, lines => [lines[0] with { QuantityCancelled = 1 }]));

        var started = await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token);
        if (started is not null)
        {
            await flow.WaitForStatusAsync(order, s => s.GetProperty("Stage").GetInt32() != (int)FlowStage.New && s.GetProperty("PendingMovements").GetInt32() == 0, "the fresh flow's first step");
        }

        Assert.Equal(0, (await flow.Ledger.GetBalanceAsync(Brand, "SKU-A", Warehouse, Token)).Reserved);
        Assert.Null(started);
        var stored = await flow.App.Services.GetRequiredService<IOrderStore>().GetAsync(Brand, order.Id, Token);
        Assert.Equal((DeliveryOutcome.Applied, 1), (written.Outcome, stored!.Value.Order.Lines[0].QuantityCancelled));
        var logged = Assert.Single(flow.App.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1805);
        Assert.Contains(order.Id, logged.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An operator retries the flow of an order placed 200 days ago whose flow left no instance and no end record: 409
    /// problem+json saying the flow ended long ago and was purged, no flow starts and nothing is reserved. The route used
    /// to read "no instance" as "never started" and start a fresh flow, reserving units shipped months ago again, while
    /// the operator had no way to tell the order was that old.
    /// </summary>
    [Fact]
    public async Task RetryRoute_OldOrderWithNoFlowInstanceAndNoEndRecord_Answers409AndStartsNoFlow()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = PlacedDaysAgo(Order("1074", ("L1", "SKU-A", 2, 20m)), 200);
        await flow.App.Services.GetRequiredService<IOrderStore>().CreateAsync(new StoredOrder(order, [], DateTimeOffset.UtcNow), Token);

        using var retry = await flow.App.Client.Http.PostAsync(new Uri($"{OrderFlowHarness.FlowPath(order)}/retry", UriKind.Relative), null, Token);

        var started = await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token);
        if (started is not null)
        {
            await flow.WaitForStatusAsync(order, s => s.GetProperty("Stage").GetInt32() != (int)FlowStage.New && s.GetProperty("PendingMovements").GetInt32() == 0, "the fresh flow's first step");
        }

        Assert.Equal(0, (await flow.Ledger.GetBalanceAsync(Brand, "SKU-A", Warehouse, Token)).Reserved);
        Assert.Null(started);
        Assert.Equal((HttpStatusCode.Conflict, "application/problem+json"), (retry.StatusCode, retry.Content.Headers.ContentType?.MediaType));
        var detail = JsonDocument.Parse(await retry.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("detail").GetString();
        Assert.Contains("Alerts:OrderFlowLongestLife", detail, StringComparison.Ordinal);
        Assert.Contains("purged", detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// An order placed 200 days ago reaches the truth only now (its webhooks were lost; the backstop or a late delivery
    /// brings it) and its flow's first start is lost (the run ended between the order's write and the start): its next
    /// change starts the flow, which reserves the open units. The starter used to take the placement for the flow's age
    /// and read "no instance, no end" as "ended and purged before end records": the order never started a flow.
    /// </summary>
    [Fact]
    public async Task OldOrderFirstStoredNow_ItsFirstStartLost_NextChangeStartsItsFlow()
    {
        var catalog = new FakeCatalogReader().Map("SKU-A", Warehouse);
        await using var flow = OrderFlowHarness.Start(fixture, catalog, TestApp.TriggersOff(), moreServices: s => s.Replace(
            ServiceDescriptor.Singleton<IOrderFlowStarter>(sp => new FlowStartDies(sp.GetRequiredService<DurableOrderFlowStarter>()))));
        await flow.ReceiveAsync("SKU-A", 10);
        var order = PlacedDaysAgo(Order("1075", ("L1", "SKU-A", 3, 20m)), 200);
        await Assert.ThrowsAsync<OperationCanceledException>(() => flow.ConvergeAsync(order));
        Assert.Null(await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token));

        await flow.ConvergeAsync(Next(order, lines => [lines[0] with { QuantityCancelled = 1 }]));

        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 2);
        Assert.DoesNotContain(flow.App.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1805);
    }

    /// <summary>
    /// The converger hands the starter the order as it just read or wrote it, so the starter learns its first store from
    /// that instead of reading the order again (one Cosmos point read fewer for an old order's change with no flow
    /// instance). Shown by an order placed 200 days ago whose stored copy in Cosmos predates first-store times, while the
    /// stored order handed over says it was first stored now: the flow starts and reserves, which it could only do from
    /// what it was handed (from Cosmos it would have read "placed and stored long ago": ended and purged, log 1805).
    /// </summary>
    [Fact]
    public async Task Starter_GivenTheStoredOrder_TakesItsFirstStoreFromIt_WithoutReadingTheOrderAgain()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = PlacedDaysAgo(Order("1076", ("L1", "SKU-A", 2, 20m)), 200);
        await flow.App.Services.GetRequiredService<IOrderStore>().CreateAsync(new StoredOrder(order, [], DateTimeOffset.UtcNow), Token);
        var starter = flow.App.Services.GetRequiredService<IOrderFlowStarter>();

        await starter.OrderChangedAsync(new StoredOrder(order, [], DateTimeOffset.UtcNow) { FirstStoredAt = DateTimeOffset.UtcNow }, Token);

        Assert.NotNull(await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token));
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 2);
        Assert.DoesNotContain(flow.App.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1805);
    }

    /// <summary>
    /// A young order in the truth without a flow (its first start was lost) is changed: the flow starts and reserves, as
    /// before; an order placed 200 days ago whose flow still exists is woken by its change as any other.
    /// </summary>
    [Fact]
    public async Task YoungOrderWithNoFlowInstance_ChangedAgain_StartsItsFlow_AndAnOldOrderWithAFlowIsWoken()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var young = Order("1072", ("L1", "SKU-A", 2, 20m));
        await flow.App.Services.GetRequiredService<IOrderStore>().CreateAsync(new StoredOrder(young, [], DateTimeOffset.UtcNow), Token);
        var old = PlacedDaysAgo(Order("1073", ("L1", "SKU-A", 3, 20m)), 200);
        await flow.ConvergeAsync(old);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 3);
        await flow.WaitForStatusAsync(old, s => s.GetProperty("Stage").GetInt32() != (int)FlowStage.New && s.GetProperty("PendingMovements").GetInt32() == 0, "the old order's reservation confirmed");

        await flow.ConvergeAsync(Next(young, lines => [lines[0] with { QuantityCancelled = 1 }]));
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 4);

        await flow.ConvergeAsync(Next(old, lines => [lines[0] with { QuantityShipped = 3 }]));
        await flow.WaitForBalanceAsync("SKU-A", onHand: 7, reserved: 1);
        Assert.DoesNotContain(flow.App.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1805);
    }

    /// <summary><paramref name="order"/> as placed (and last updated by its channel) <paramref name="days"/> days ago.</summary>
    private static Order PlacedDaysAgo(Order order, int days) =>
        order with { PlacedAt = DateTimeOffset.UtcNow.AddDays(-days), Version = new OrderVersion(DateTimeOffset.UtcNow.AddDays(-days)) };
}
