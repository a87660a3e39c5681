using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Infrastructure;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.OrderFlow;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>The purge timer and flows that ended before they recorded their own end (<see cref="OrderFlowEnd"/>).</summary>
public sealed partial class OrderFlowTests
{
    /// <summary>
    /// A flow that ended before the flow-end record existed (its record deleted after it completed) is purged thirty days
    /// on; a later change of the order and the retry route then start no flow. The purge used to delete such a flow without
    /// a trace: the starter read "no instance" as "never started" and the new flow reserved the shipped unit again.
    /// </summary>
    [Fact]
    public async Task FlowEndedWithoutRecordAndPurged_ALaterChangeOrTheRetryRoute_StartsNoSecondFlowAndReservesNothing()
    {
        await using var flow = Start(out var catalog);
        var (order, delivered, ended) = await EndFlowWithoutRecordAsync(flow, catalog, "1041");

        Assert.True(await PurgeThirtyDaysOn(flow, ended, Ends(flow)).PurgeAsync(flow.Client, Token) >= 1);
        Assert.Null(await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token));

        await AssertRefundAndRetryStartNothingAsync(flow, order, delivered);

        var end = await Ends(flow).GetAsync(Brand, order.Id, Token);
        Assert.Equal(("completed", ended.InstanceId, ended.LastUpdatedAt), (end!.Outcome, end.InstanceId, end.EndedAt));
    }

    /// <summary>
    /// The purge cannot record a completed flow's end (the store is down): it purges nothing completed, so the flow keeps
    /// its history and a change still finds it ended; the next run records the end, then purges it.
    /// </summary>
    [Fact]
    public async Task Purge_RecordingTheFlowEndFails_PurgesNothingOfThatFlow_UntilALaterRunRecordsIt()
    {
        await using var flow = Start(out var catalog);
        var (order, _, ended) = await EndFlowWithoutRecordAsync(flow, catalog, "1042");

        await PurgeThirtyDaysOn(flow, ended, new UnavailableFlowEndStore()).PurgeAsync(flow.Client, Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token))?.RuntimeStatus);
        Assert.Null(await Ends(flow).GetAsync(Brand, order.Id, Token));

        await PurgeThirtyDaysOn(flow, ended, Ends(flow)).PurgeAsync(flow.Client, Token);

        Assert.Null(await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token));
        Assert.NotNull(await Ends(flow).GetAsync(Brand, order.Id, Token));
    }

    /// <summary>
    /// A flow holding 2 units is terminated (as the engine's failure leaves it: no end recorded) and the purge runs thirty
    /// days on; then one unit ships. The flow is kept for the on-call engineer, the shipment starts no second flow, and
    /// the retry route restarts the kept flow, which commits the shipped unit and holds the other. The purge used to
    /// delete it: the shipment then started a fresh flow that reserved the shipped unit and the open one again.
    /// </summary>
    [Fact]
    public async Task FlowTerminatedHoldingStock_PurgedThirtyDaysOn_ALaterShipmentReservesNothingAgain_AndTheRetryRestartsIt()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1043", ("L1", "SKU-A", 2, 20m));
        await flow.ConvergeAsync(order);
        await flow.WaitForStatusAsync(
            order, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Active && s.GetProperty("PendingMovements").GetInt32() == 0, "the reservation confirmed");
        await TerminateAsync(flow, order);
        var terminated = (await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token))!;

        await PurgeThirtyDaysOn(flow, terminated, Ends(flow)).PurgeAsync(flow.Client, Token);
        await flow.ConvergeAsync(Next(order, lines => [lines[0] with { QuantityShipped = 1 }]));

        var after = await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token);
        if (after is { RuntimeStatus: not OrchestrationRuntimeStatus.Terminated })
        {
            await flow.WaitForStatusAsync(order, s => s.GetProperty("PendingMovements").GetInt32() == 0 && s.GetProperty("Stage").GetInt32() != (int)FlowStage.New, "the fresh flow's first step");
        }

        var balance = await flow.Ledger.GetBalanceAsync(Brand, "SKU-A", Warehouse, Token);
        Assert.Equal((10, 2), (balance!.OnHand, balance.Reserved));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, after?.RuntimeStatus);

        await RetryAsync(flow, order);
        await WaitForRestartSettledAsync(flow, order);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 9, reserved: 1);
    }

    /// <summary>Runs a one-unit order to its end (delivered, 0-day return window), then deletes its end record, as a flow that ended before the record existed has none.</summary>
    private static async Task<(Order Order, Order Delivered, OrchestrationMetadata Ended)> EndFlowWithoutRecordAsync(
        OrderFlowHarness flow, FakeCatalogReader catalog, string externalId)
    {
        await SetReturnWindowAsync(flow, days: 0);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order(externalId, ("L1", "SKU-A", 1, 20m));
        await flow.ConvergeAsync(order);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 1);
        var delivered = Next(order with { Shipping = Parcels(Parcel("f-1", delivered: true, "L1")) }, lines => [lines[0] with { QuantityShipped = 1 }]);
        await flow.ConvergeAsync(delivered);
        var ended = await flow.WaitForEndAsync(order);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 9, reserved: 0);

        Assert.NotNull(await Ends(flow).GetAsync(Brand, order.Id, Token));
        await flow.App.Services.GetRequiredService<CosmosContainers>().Alerts.DeleteItemAsync<object>(
            OrderFlowEndDocument.IdFor(order.Id), new PartitionKey(Brand), cancellationToken: Token);
        return (order, delivered, ended);
    }

    /// <summary>The daily purge with its clock thirty days and a second past the flow's creation.</summary>
    /// <summary>
    /// What may come after a purge, a late refund of the order and then the retry route, starts no flow and reserves
    /// nothing (a flow started anyway is awaited to its end first, so what it reserved shows); the retry answers 409.
    /// Returns the retry's body.
    /// </summary>
    private static async Task<string> AssertRefundAndRetryStartNothingAsync(OrderFlowHarness flow, Order order, Order delivered)
    {
        await flow.ConvergeAsync(Next(delivered, lines => [lines[0] with { QuantityRefunded = 1 }]));
        using var retry = await flow.App.Client.Http.PostAsync(new Uri($"{OrderFlowHarness.FlowPath(order)}/retry", UriKind.Relative), null, Token);
        var restarted = await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token);
        if (restarted is not null)
        {
            await flow.WaitForEndAsync(order);
        }

        var balance = await flow.Ledger.GetBalanceAsync(Brand, "SKU-A", Warehouse, Token);
        Assert.Equal((9, 0), (balance!.OnHand, balance.Reserved));
        Assert.Null(restarted);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        return await retry.Content.ReadAsStringAsync(Token);
    }

    private static PurgeOrchestrationHistory PurgeThirtyDaysOn(OrderFlowHarness flow, OrchestrationMetadata ended, IOrderFlowEndStore ends) =>
        new(Options.Create(new OrchestrationHistoryOptions { Retention = TimeSpan.FromDays(30) }), ends,
            new FakeTimeProvider(ended.CreatedAt.AddSeconds(1) + TimeSpan.FromDays(30)), flow.App.Services, NullLogger<PurgeOrchestrationHistory>.Instance);

    private static IOrderFlowEndStore Ends(OrderFlowHarness flow) => flow.App.Services.GetRequiredService<IOrderFlowEndStore>();

    private sealed class UnavailableFlowEndStore : IOrderFlowEndStore
    {
        public Task RecordAsync(OrderFlowEnd flowEnd, CancellationToken cancellationToken = default) =>
            throw new StoreUnavailableException("The test's flow-end store is down.");

        public Task<OrderFlowEnd?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default) =>
            throw new StoreUnavailableException("The test's flow-end store is down.");
    }
}
